import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { FOR_EVERY_ROLE_KEY, IS_PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { AuthenticationError } from './access.errors';
import { type AuthenticatedRequest, OUTSIDE_ROLES, type Role } from './actor';
import { assertHasRole, assertMayWrite, ForbiddenActionError, SAFE_METHODS } from './authorization';
import { AccessCheck } from './sessions/access-check';
import { TokenService } from './token.service';

/**
 * Global (APP_GUARD): every route needs a valid access token in `Authorization: Bearer …`
 * unless it is `@Public()`. Puts the actor on `request.user`.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly accessCheck: AccessCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublic(this.reflector, context)) return true;
    if (context.getType() !== 'http') {
      throw new Error(`JwtAuthGuard authenticates HTTP requests only, not ${context.getType()}`);
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context
      .switchToHttp()
      .getResponse<{ setHeader(n: string, v: string): void }>();
    const [scheme, token, ...rest] = (request.headers.authorization ?? '').trim().split(/\s+/);
    if (!scheme) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw new AuthenticationError(
        'auth.missing-token',
        'Missing access token: send Authorization: Bearer <accessToken> (from POST /auth/login)',
      );
    }
    if (scheme.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_request"');
      throw new AuthenticationError(
        'auth.invalid-token',
        'Malformed Authorization header: expected Authorization: Bearer <accessToken>',
      );
    }
    try {
      const { actor, sessionId } = await this.tokens.verifyAccessTokenWithSession(token);
      const scope = await this.accessCheck.assertStanding(actor, sessionId);
      request.user = scope?.plantSupplierId
        ? { ...actor, plantSupplierId: scope.plantSupplierId }
        : actor;
    } catch (error) {
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw error;
    }
    return true;
  }
}

/**
 * Global (APP_GUARD), after `JwtAuthGuard`: enforces `@Roles(...)`, and keeps read-only roles
 * (analyst) to safe methods on routes that do not name them.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublic(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = request.user;
    if (!actor) return false; // JwtAuthGuard runs first; never reached
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles) assertHasRole(actor, roles);
    else if (OUTSIDE_ROLES.includes(actor.role) && !forEveryRole(this.reflector, context)) {
      // A route that names no roles is open to the supply chain's roles, not to outsiders.
      throw new ForbiddenActionError(
        'access.role-required',
        `Role ${actor.role} may use the partner directory and help requests only`,
      );
    }
    if (!roles?.includes(actor.role) && !SAFE_METHODS.has(request.method)) assertMayWrite(actor);
    return true;
  }
}

/** At most this many login attempts per minute for one username from one address. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

/**
 * And at most this many failed logins a minute from one address whatever the usernames
 * (one password guessed for many users); generous, since a hospital may sit behind one NAT.
 */
export const FAILED_LOGINS_PER_ADDRESS_PER_MINUTE = 30;

export function addressTracker(request: Record<string, unknown>): string {
  const ip =
    request.ip ?? (request.socket as { remoteAddress?: string } | undefined)?.remoteAddress;
  return `address:${String(ip ?? 'unknown')}`;
}

export function loginTracker(request: Record<string, unknown>): string {
  const body = request.body as { username?: unknown } | undefined;
  const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
  return `${addressTracker(request)}|user:${username}`;
}

/**
 * Throttles `POST /auth/login` per client address and username (so one user typing a wrong
 * password does not lock out a whole hospital behind one NAT), and per address: 429 beyond
 * either limit, with `Retry-After`. Counts live in Redis (`RedisThrottlerStorage`).
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw tooManyLoginAttempts('for this username', detail.timeToBlockExpire);
  }
}

/** A 429 that knows when to come back: the exception filter sends it as `Retry-After`. */
export class TooManyRequestsError extends HttpException {
  constructor(
    body: Record<string, unknown>,
    readonly retryAfterSeconds: number,
  ) {
    super(body, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export function tooManyLoginAttempts(what: string, retryAfterSeconds: number): HttpException {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new TooManyRequestsError(
    {
      statusCode: HttpStatus.TOO_MANY_REQUESTS,
      error: 'auth.too-many-attempts',
      message: `Too many login attempts ${what}; try again in ${seconds} s`,
    },
    seconds,
  );
}

function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return (
    reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]) === true
  );
}

function forEveryRole(reflector: Reflector, context: ExecutionContext): boolean {
  return (
    reflector.getAllAndOverride<boolean | undefined>(FOR_EVERY_ROLE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]) === true
  );
}
