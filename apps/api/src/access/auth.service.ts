import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthenticationError } from './access.errors';
import type { LoginResponse } from './auth.dto';
import { PasswordHasher } from './password-hasher';
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
    return this.session(user);
  }

  /**
   * A new token pair for a valid refresh token whose user is still active and has not had their
   * password reset since; the new access token carries the user's current role and scope.
   */
  async refresh(refreshToken: string): Promise<LoginResponse> {
    const { userId, tokenVersion } = await this.tokens.verifyRefreshToken(refreshToken);
    const user = await this.users.findEntityById(userId);
    if (!user || !user.active || user.tokenVersion !== tokenVersion) {
      throw new AuthenticationError(
        'auth.invalid-refresh-token',
        'Refresh token revoked (password reset or account disabled); log in again at POST /auth/login',
      );
    }
    return this.session(user);
  }

  private async session(user: UserEntity): Promise<LoginResponse> {
    const pair = await this.tokens.issuePair(user);
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
