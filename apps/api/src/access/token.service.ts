import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { AuthenticationError } from './access.errors';
import { type Actor, isRole, type Role } from './actor';

const ISSUER = 'oxyledger';
const AUDIENCE = 'oxyledger-api';
const ALGORITHM = 'HS256';

/** What a token is issued for: a user as stored (role and scope at the time of issue). */
export interface TokenSubject {
  id: string;
  role: Role;
  facilityId: string | null;
  supplierId: string | null;
  /** Bumped when the password is reset: older refresh tokens stop working. */
  tokenVersion: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token is valid for. */
  expiresIn: number;
  /** Seconds the refresh token is valid for. */
  refreshExpiresIn: number;
}

/** The login session a token pair belongs to (`app.refresh_tokens`). */
export interface TokenSession {
  familyId: string;
  /** This refresh token's id (its `jti`). */
  tokenId: string;
}

interface AccessClaims {
  sub: string;
  typ: 'access';
  /** The session (refresh token family): logging out or revoking it stops this token too. */
  sid: string;
  role: Role;
  facilityId?: string;
  supplierId?: string;
}

interface RefreshClaims {
  sub: string;
  typ: 'refresh';
  /** The user's token version when issued. */
  ver: number;
}

/**
 * Issues and checks the api's JWTs (HS256). Access tokens are short-lived and carry the actor;
 * refresh tokens only name the user and are checked against the users table when used. Each
 * kind is signed with its own key, derived from JWT_SECRET by HMAC, so neither can pass for the
 * other even if the `typ` claim were ignored.
 */
@Injectable()
export class TokenService {
  // KeyObjects, made once: given bytes, jsonwebtoken makes one on every call, after first
  // failing to read them as a PEM public key (a thrown error per request).
  private readonly accessKey: KeyObject;
  private readonly refreshKey: KeyObject;
  private readonly accessTtl: number;
  private readonly refreshTtl: number;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.accessKey = deriveKey(config.auth.jwtSecret, 'access-token');
    this.refreshKey = deriveKey(config.auth.jwtSecret, 'refresh-token');
    this.accessTtl = config.auth.accessTokenTtlSeconds;
    this.refreshTtl = config.auth.refreshTokenTtlSeconds;
  }

  /** `now` (ms since the epoch) is for tests: a token issued in the past may be expired already. */
  async issuePair(
    subject: TokenSubject,
    session: TokenSession,
    now = Date.now(),
  ): Promise<TokenPair> {
    const iat = Math.floor(now / 1000);
    const access: AccessClaims = {
      sub: subject.id,
      typ: 'access',
      sid: session.familyId,
      role: subject.role,
      ...(subject.facilityId !== null && { facilityId: subject.facilityId }),
      ...(subject.supplierId !== null && { supplierId: subject.supplierId }),
    };
    const refresh: RefreshClaims = { sub: subject.id, typ: 'refresh', ver: subject.tokenVersion };
    const [accessToken, refreshToken] = await Promise.all([
      this.jwt.signAsync(
        { ...access, iat, exp: iat + this.accessTtl },
        { privateKey: this.accessKey, algorithm: ALGORITHM, issuer: ISSUER, audience: AUDIENCE },
      ),
      this.jwt.signAsync(
        { ...refresh, iat, exp: iat + this.refreshTtl },
        {
          privateKey: this.refreshKey,
          algorithm: ALGORITHM,
          issuer: ISSUER,
          audience: AUDIENCE,
          jwtid: session.tokenId,
        },
      ),
    ]);
    return {
      accessToken,
      refreshToken,
      expiresIn: this.accessTtl,
      refreshExpiresIn: this.refreshTtl,
    };
  }

  /** Seconds a refresh token issued now is valid for. */
  get refreshTtlSeconds(): number {
    return this.refreshTtl;
  }

  /** The actor an access token speaks for; `AuthenticationError` (401) if expired or invalid. */
  async verifyAccessToken(token: string, now = Date.now()): Promise<Actor> {
    return (await this.verifyAccessTokenWithSession(token, now)).actor;
  }

  /** The actor and the session (`sid`) an access token speaks for. */
  async verifyAccessTokenWithSession(
    token: string,
    now = Date.now(),
  ): Promise<{ actor: Actor; sessionId: string }> {
    const claims = await this.verify(token, this.accessKey, now, {
      expired: ['auth.token-expired', 'Access token expired; get a new one at POST /auth/refresh'],
      invalid: ['auth.invalid-token', 'Invalid access token; log in at POST /auth/login'],
    });
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      typeof claims.sid !== 'string' ||
      !isRole(claims.role)
    ) {
      throw new AuthenticationError(
        'auth.invalid-token',
        'Invalid access token; log in at POST /auth/login',
      );
    }
    return {
      sessionId: claims.sid,
      actor: {
        userId: claims.sub,
        role: claims.role,
        ...(typeof claims.facilityId === 'string' && { facilityId: claims.facilityId }),
        ...(typeof claims.supplierId === 'string' && { supplierId: claims.supplierId }),
      },
    };
  }

  /** The user and token version a refresh token names; `AuthenticationError` (401) if not valid. */
  async verifyRefreshToken(
    token: string,
    now = Date.now(),
  ): Promise<{ userId: string; tokenVersion: number; tokenId: string }> {
    const invalid = [
      'auth.invalid-refresh-token',
      'Invalid refresh token; log in again at POST /auth/login',
    ] as const;
    const claims = await this.verify(token, this.refreshKey, now, {
      expired: [
        'auth.refresh-token-expired',
        'Refresh token expired; log in again at POST /auth/login',
      ],
      invalid,
    });
    if (
      claims.typ !== 'refresh' ||
      typeof claims.sub !== 'string' ||
      typeof claims.jti !== 'string' ||
      !Number.isInteger(claims.ver)
    ) {
      throw new AuthenticationError(...invalid);
    }
    return { userId: claims.sub, tokenVersion: claims.ver as number, tokenId: claims.jti };
  }

  private async verify(
    token: string,
    key: KeyObject,
    now: number,
    errors: Record<'expired' | 'invalid', readonly [AuthenticationError['code'], string]>,
  ): Promise<Record<string, unknown>> {
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(token, {
        // jsonwebtoken takes a KeyObject; @nestjs/jwt's option type only names strings and Buffers
        publicKey: key as unknown as Buffer,
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(now / 1000),
      });
    } catch (error) {
      const [code, message] = error instanceof TokenExpiredError ? errors.expired : errors.invalid;
      throw new AuthenticationError(code, message);
    }
    // jsonwebtoken accepts a token without `exp` as valid forever; we never issue one.
    if (typeof claims.exp !== 'number') throw new AuthenticationError(...errors.invalid);
    return claims;
  }
}

/** One key per purpose from the configured secret: HMAC-SHA256(secret, "oxyledger:<purpose>"). */
function deriveKey(secret: string, purpose: string): KeyObject {
  return createSecretKey(createHmac('sha256', secret).update(`oxyledger:${purpose}`).digest());
}
