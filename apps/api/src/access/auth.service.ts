import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthenticationError } from './access.errors';
import type { LoginResponse } from './auth.dto';
import { PasswordHasher } from './password-hasher';
import { AccessCheck } from './sessions/access-check';
import { SessionStore } from './sessions/session.store';
import { TokenService } from './token.service';
import type { UserEntity } from './users/user.entity';
import { UsersService } from './users/users.service';

/** Logging in and refreshing: the only places a password or a refresh token is checked. */
@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so that both cases take as long. */
  private readonly unknownUserHash: Promise<string>;

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
    private readonly accessCheck: AccessCheck,
  ) {
    this.unknownUserHash = hasher.hash(randomUUID());
  }

  /** 401 with the same message whether the username is unknown or the password wrong. */
  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findByUsername(username);
    const valid = await this.hasher.verify(
      password,
      user?.passwordHash ?? (await this.unknownUserHash),
    );
    if (!user || !valid) {
      throw new AuthenticationError('auth.invalid-credentials', 'Wrong username or password');
    }
    // Only someone who knows the password learns this.
    if (!user.active) {
      throw new AuthenticationError(
        'auth.account-disabled',
        'This account is disabled; ask an administrator to re-enable it',
      );
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.replacePasswordHash(user.id, await this.hasher.hash(password));
    }
    const session = await this.sessions.start(user.id, this.refreshExpiry());
    return this.session(user, session);
  }

  /**
   * A new token pair for a valid refresh token whose user is still active and has not had their
   * password reset since; the new access token carries the user's current role and scope.
   */
  async refresh(refreshToken: string): Promise<LoginResponse> {
    const { userId, tokenVersion, tokenId } = await this.tokens.verifyRefreshToken(refreshToken);
    const user = await this.users.findEntityById(userId);
    if (!user || !user.active || user.tokenVersion !== tokenVersion) {
      throw new AuthenticationError(
        'auth.invalid-refresh-token',
        'Refresh token revoked (password reset or account disabled); log in again at POST /auth/login',
      );
    }
    const rotated = await this.sessions.rotate(tokenId, userId, this.refreshExpiry());
    switch (rotated.outcome) {
      case 'rotated':
        return this.session(user, rotated);
      case 'reused':
        await this.accessCheck.changed({ sessionId: rotated.familyId });
        throw new AuthenticationError(
          'auth.refresh-token-reused',
          'This refresh token was already exchanged: the session is revoked (a copy may have been stolen); log in again at POST /auth/login',
        );
      default:
        throw new AuthenticationError(
          'auth.invalid-refresh-token',
          'Refresh token revoked (logged out or reused); log in again at POST /auth/login',
        );
    }
  }

  /** Ends the session a refresh token belongs to: its access and refresh tokens stop working. */
  async logout(refreshToken: string): Promise<void> {
    const { userId, tokenId } = await this.tokens.verifyRefreshToken(refreshToken);
    const familyId = await this.sessions.familyOf(tokenId, userId);
    if (familyId === undefined) return;
    await this.sessions.revokeFamily(familyId);
    await this.accessCheck.changed({ sessionId: familyId });
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.tokens.refreshTtlSeconds * 1000);
  }

  private async session(
    user: UserEntity,
    session: { familyId: string; tokenId: string },
  ): Promise<LoginResponse> {
    const pair = await this.tokens.issuePair(user, session);
    return {
      ...pair,
      tokenType: 'Bearer',
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        facilityId: user.facilityId,
        supplierId: user.supplierId,
      },
    };
  }
}
