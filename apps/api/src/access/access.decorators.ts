import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import type { Actor, AuthenticatedRequest, Role } from './actor';

export const IS_PUBLIC_KEY = 'oxyledger:access:public';
export const ROLES_KEY = 'oxyledger:access:roles';

/** The route (or every route of the controller) needs no access token. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Only these roles may call the route (on a method, it replaces the controller's list): 403
 * naming the roles otherwise. Without `@Roles`, any logged-in user may, except that read-only
 * roles (analyst) may only call GET/HEAD/OPTIONS unless named here.
 */
export const Roles = (...roles: [Role, ...Role[]]): ClassDecorator & MethodDecorator =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiForbiddenResponse({ description: `Needs role ${roles.join(' or ')}.` }),
  );

export const FOR_EVERY_ROLE_KEY = 'oxyledger:access:every-role';

/**
 * Every logged-in user may call the route, roles outside the supply chain (partner) included:
 * for routes about the user themselves (`/auth/me`).
 */
export const ForEveryRole = (): ClassDecorator & MethodDecorator =>
  SetMetadata(FOR_EVERY_ROLE_KEY, true);

/** The authenticated `Actor` of the request (from its access token). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!actor) {
    // A programming error: @CurrentActor() on a @Public() route.
    throw new Error('@CurrentActor() used on a route without authentication (@Public())');
  }
  return actor satisfies Actor;
});
