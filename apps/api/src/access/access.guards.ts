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
      request.user = await this.tokens.verifyAccessToken(token);
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
 * Throttles `POST /auth/login` per client address and username (so one user typing a wrong
 * password does not lock out a whole hospital behind one NAT): 429 beyond the limit.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const address = await super.getTracker(request);
    const body = request.body as { username?: unknown } | undefined;
    const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
    return `${address}|${username}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'auth.too-many-attempts',
        message: `Too many login attempts for this username; try again in ${detail.timeToBlockExpire} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
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
