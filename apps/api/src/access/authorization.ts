import { HttpException, HttpStatus } from '@nestjs/common';
import { type Actor, type Role } from './actor';

export type ForbiddenCode =
  | 'access.role-required'
  | 'access.read-only'
  | 'access.facility-scope'
  | 'access.trip-scope'
  | 'access.supplier-scope'
  | 'access.read-scope';

/**
 * The actor is authenticated but this action is outside their role or scope: HTTP 403 with
 * `{ statusCode: 403, error: code, message }`, the message naming the rule.
 */
export class ForbiddenActionError extends HttpException {
  readonly httpStatus = HttpStatus.FORBIDDEN;

  constructor(
    readonly code: ForbiddenCode,
    message: string,
  ) {
    super({ statusCode: HttpStatus.FORBIDDEN, error: code, message }, HttpStatus.FORBIDDEN);
    this.name = 'ForbiddenActionError';
  }
}

/** Methods that change nothing; the only ones a read-only role may call by default. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Analysts (ministry, WHO) read everything and change nothing. */
export function isReadOnly(role: Role): boolean {
  return role === 'analyst';
}

export function assertMayWrite(actor: Actor): void {
  if (isReadOnly(actor.role)) {
    throw new ForbiddenActionError(
      'access.read-only',
      `Role ${actor.role} is read-only: it may look at everything but change nothing`,
    );
  }
}

export function assertHasRole(actor: Actor, allowed: readonly Role[]): void {
  if (!allowed.includes(actor.role)) {
    throw new ForbiddenActionError(
      'access.role-required',
      `This action needs role ${listOf(allowed)}; you are ${actor.role}`,
    );
  }
}

/**
 * Acting at a facility (fill, receipt, test, census, ...): an admin anywhere; a producer or a
 * hospital user only at their own facility; nobody else.
 */
export function assertMayActAtFacility(actor: Actor, facilityId: string): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'producer' || actor.role === 'hospital') {
    if (actor.facilityId !== undefined && actor.facilityId === facilityId) return;
    throw new ForbiddenActionError(
      'access.facility-scope',
      `A ${actor.role} user may act only at their own facility ` +
        `(${actor.facilityId ?? 'none assigned'}), not at ${facilityId}`,
    );
  }
  throw new ForbiddenActionError(
    'access.facility-scope',
    `Role ${actor.role} may not act at facility ${facilityId}: only producer and hospital users ` +
      `(at their own facility) and admins may`,
  );
}

export interface TripScope {
  /** The driver the trip is assigned to; `null` or absent: none yet. */
  driverUserId?: string | null;
  /** The supplier whose fleet runs the trip; needed to let a supplier's dispatcher act. */
  supplierId?: string | null;
}

/**
 * Acting on a trip (load, deliver, collect, unload, assign): the driver only on their own trips;
 * a national dispatcher and an admin on any; a supplier's dispatcher only on that supplier's.
 */
export function assertMayActOnTrip(actor: Actor, trip: TripScope): void {
  switch (actor.role) {
    case 'admin':
      return;
    case 'driver':
      if (trip.driverUserId && trip.driverUserId === actor.userId) return;
      throw new ForbiddenActionError(
        'access.trip-scope',
        'A driver may act only on their own trips; this trip is not assigned to you',
      );
    case 'dispatcher':
      assertMayActForSupplier(actor, trip.supplierId ?? undefined);
      return;
    default:
      throw new ForbiddenActionError(
        'access.trip-scope',
        `Role ${actor.role} may not act on trips: only the trip's driver, dispatchers and admins may`,
      );
  }
}

/**
 * Acting for a supplier's fleet (plans, vehicles, drivers): an admin and a national dispatcher
 * for any supplier; a supplier's dispatcher only for theirs (and not when the supplier is
 * unknown); nobody else.
 */
export function assertMayActForSupplier(actor: Actor, supplierId: string | undefined): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'dispatcher') {
    throw new ForbiddenActionError(
      'access.supplier-scope',
      `Role ${actor.role} may not act for a supplier's fleet: only dispatchers and admins may`,
    );
  }
  if (actor.supplierId === undefined) return; // national dispatcher
  if (supplierId !== undefined && supplierId === actor.supplierId) return;
  throw new ForbiddenActionError(
    'access.supplier-scope',
    `A dispatcher of supplier ${actor.supplierId} may act only for that supplier's fleet, ` +
      `not for ${supplierId ?? 'an unspecified supplier'}`,
  );
}

/** What an actor may read: a query handler filters by it. */
export type ReadScope =
  | { kind: 'national' }
  | { kind: 'facility'; facilityId: string }
  | { kind: 'supplier'; supplierId: string }
  | { kind: 'driver'; driverUserId: string };

export function readScopeOf(actor: Actor): ReadScope {
  switch (actor.role) {
    case 'admin':
    case 'analyst':
      return { kind: 'national' };
    case 'dispatcher':
      return actor.supplierId === undefined
        ? { kind: 'national' }
        : { kind: 'supplier', supplierId: actor.supplierId };
    case 'producer':
    case 'hospital':
      if (actor.facilityId === undefined) {
        // The users table forbids this; refuse rather than widen the scope if it ever happens.
        throw new ForbiddenActionError(
          'access.facility-scope',
          `A ${actor.role} user without a facility may read nothing; ask an admin to assign one`,
        );
      }
      return { kind: 'facility', facilityId: actor.facilityId };
    case 'driver':
      return { kind: 'driver', driverUserId: actor.userId };
    case 'partner':
      throw new ForbiddenActionError(
        'access.read-scope',
        'Role partner may read the partner directory and help requests only, not the ledger',
      );
  }
}

function listOf(roles: readonly Role[]): string {
  return roles.length <= 1
    ? (roles[0] ?? '(none)')
    : `${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]}`;
}
