import type { Actor } from '../access/actor';
import { ForbiddenActionError, readScopeOf } from '../access/authorization';

/**
 * What part of the supply picture an actor sees: everything (admin, analyst, a national
 * dispatcher), one facility (its producer or hospital users), one supplier's cylinders (that
 * supplier's dispatchers), or the trips of one driver.
 */
export type SupplyScope =
  | { kind: 'national' }
  | { kind: 'facility'; facilityId: string }
  | { kind: 'owner'; ownerId: string }
  | { kind: 'driver'; driverUserId: string };

export function supplyScopeOf(actor: Actor): SupplyScope {
  const scope = readScopeOf(actor);
  switch (scope.kind) {
    case 'supplier':
      return { kind: 'owner', ownerId: scope.supplierId };
    default:
      return scope;
  }
}

/** For reads a scope does not cover at all, e.g. a driver asking for national stock. */
export function refuseScope(actor: Actor, what: string): never {
  throw new ForbiddenActionError('access.read-scope', `Role ${actor.role} may not read ${what}`);
}

/** Builds a parameterised WHERE clause: `add('status = ?', 'FULL')`. */
export class SqlFilter {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a condition when the value is given; each `?` becomes the value's placeholder. */
  add(condition: string, value: unknown): this {
    if (value === undefined || value === null) return this;
    this.params.push(value);
    this.conditions.push(condition.replace(/\?/g, `$${this.params.length}`));
    return this;
  }

  /** A condition without parameters. */
  raw(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** The next free placeholder, for LIMIT / OFFSET and the like. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.conditions.length === 0 ? 'TRUE' : this.conditions.join(' AND ');
  }
}

/**
 * Narrows a read's filters to the actor's scope: a facility user's reads are about their
 * facility, a supplier dispatcher's about their supplier's cylinders. Asking explicitly for
 * another facility or supplier is refused (403), not silently answered with nothing.
 */
export function scopeFilter<F extends { facilityId?: string; ownerId?: string }>(
  actor: Actor,
  filter: F,
  what: string,
): F {
  const scope = supplyScopeOf(actor);
  switch (scope.kind) {
    case 'national':
      return filter;
    case 'facility':
      if (filter.facilityId !== undefined && filter.facilityId !== scope.facilityId) {
        throw new ForbiddenActionError(
          'access.facility-scope',
          `A ${actor.role} user may read ${what} of their own facility (${scope.facilityId}) only`,
        );
      }
      return { ...filter, facilityId: scope.facilityId };
    case 'owner':
      if (filter.ownerId !== undefined && filter.ownerId !== scope.ownerId) {
        throw new ForbiddenActionError(
          'access.supplier-scope',
          `A dispatcher of supplier ${scope.ownerId} may read ${what} of that supplier's cylinders only`,
        );
      }
      return { ...filter, ownerId: scope.ownerId };
    case 'driver':
      return refuseScope(actor, what);
  }
}
