import { HttpStatus } from '@nestjs/common';
import type { Actor, Role } from './actor';
import {
  assertHasRole,
  assertMayActAtFacility,
  assertMayActForSupplier,
  assertMayActOnTrip,
  assertMayWrite,
  ForbiddenActionError,
  isReadOnly,
  readScopeOf,
} from './authorization';

const admin: Actor = { userId: 'u-admin', role: 'admin' };
const producer: Actor = { userId: 'u-prod', role: 'producer', facilityId: 'basra-psa' };
const hospital: Actor = { userId: 'u-hosp', role: 'hospital', facilityId: 'basra-general' };
const driver: Actor = { userId: 'u-driver', role: 'driver', supplierId: 'sup-a' };
const nationalDispatcher: Actor = { userId: 'u-nat', role: 'dispatcher' };
const supplierDispatcher: Actor = { userId: 'u-disp', role: 'dispatcher', supplierId: 'sup-a' };
const analyst: Actor = { userId: 'u-analyst', role: 'analyst' };

function refusal(action: () => void): ForbiddenActionError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ForbiddenActionError);
    return error as ForbiddenActionError;
  }
  throw new Error('expected a ForbiddenActionError');
}

describe('ForbiddenActionError', () => {
  it('is an HTTP 403 whose body carries the code and the rule', () => {
    const error = new ForbiddenActionError('access.read-only', 'Role analyst is read-only');

    expect(error.getStatus()).toBe(HttpStatus.FORBIDDEN);
    expect(error.httpStatus).toBe(403);
    expect(error.code).toBe('access.read-only');
    expect(error.message).toBe('Role analyst is read-only');
    expect(error.getResponse()).toEqual({
      statusCode: 403,
      error: 'access.read-only',
      message: 'Role analyst is read-only',
    });
  });
});

describe('assertMayActAtFacility', () => {
  it('lets admins act anywhere and producers and hospitals at their own facility', () => {
    expect(() => assertMayActAtFacility(admin, 'anywhere')).not.toThrow();
    expect(() => assertMayActAtFacility(producer, 'basra-psa')).not.toThrow();
    expect(() => assertMayActAtFacility(hospital, 'basra-general')).not.toThrow();
  });

  it('refuses a producer or hospital at another facility, naming both', () => {
    const error = refusal(() => assertMayActAtFacility(producer, 'najaf-asu'));
    expect(error.code).toBe('access.facility-scope');
    expect(error.message).toBe(
      'A producer user may act only at their own facility (basra-psa), not at najaf-asu',
    );
    expect(refusal(() => assertMayActAtFacility(hospital, 'basra-psa')).message).toMatch(
      /hospital user may act only at their own facility \(basra-general\)/,
    );
  });

  it('refuses a producer without a facility even if the facility id is missing', () => {
    const orphan: Actor = { userId: 'u-x', role: 'producer' };
    expect(refusal(() => assertMayActAtFacility(orphan, 'basra-psa')).message).toMatch(
      /\(none assigned\)/,
    );
  });

  it.each<Role>(['driver', 'dispatcher', 'analyst'])('refuses role %s at any facility', (role) => {
    const error = refusal(() => assertMayActAtFacility({ userId: 'u', role }, 'basra-psa'));
    expect(error.code).toBe('access.facility-scope');
    expect(error.message).toBe(
      `Role ${role} may not act at facility basra-psa: only producer and hospital users (at their own facility) and admins may`,
    );
  });
});

describe('assertMayActOnTrip', () => {
  const ownTrip = { driverUserId: 'u-driver', supplierId: 'sup-a' };
  const otherTrip = { driverUserId: 'u-other', supplierId: 'sup-b' };

  it('lets a driver act on their own trip only', () => {
    expect(() => assertMayActOnTrip(driver, ownTrip)).not.toThrow();
    const error = refusal(() => assertMayActOnTrip(driver, otherTrip));
    expect(error.code).toBe('access.trip-scope');
    expect(error.message).toMatch(/driver may act only on their own trips/);
    expect(() => assertMayActOnTrip(driver, { driverUserId: null })).toThrow(ForbiddenActionError);
  });

  it('lets admins and national dispatchers act on any trip', () => {
    expect(() => assertMayActOnTrip(admin, otherTrip)).not.toThrow();
    expect(() => assertMayActOnTrip(nationalDispatcher, otherTrip)).not.toThrow();
    expect(() => assertMayActOnTrip(nationalDispatcher, { driverUserId: 'u-x' })).not.toThrow();
  });

  it("lets a supplier's dispatcher act on that supplier's trips only", () => {
    expect(() => assertMayActOnTrip(supplierDispatcher, ownTrip)).not.toThrow();
    expect(refusal(() => assertMayActOnTrip(supplierDispatcher, otherTrip)).message).toBe(
      "A dispatcher of supplier sup-a may act only for that supplier's fleet, not for sup-b",
    );
    // Unknown supplier: fail closed.
    expect(() => assertMayActOnTrip(supplierDispatcher, { driverUserId: 'u-x' })).toThrow(
      ForbiddenActionError,
    );
  });

  it.each<Actor>([producer, hospital, analyst])('refuses role $role', (actor) => {
    expect(refusal(() => assertMayActOnTrip(actor, ownTrip)).message).toBe(
      `Role ${actor.role} may not act on trips: only the trip's driver, dispatchers and admins may`,
    );
  });
});

describe('assertMayActForSupplier', () => {
  it('lets admins and national dispatchers act for any supplier', () => {
    expect(() => assertMayActForSupplier(admin, 'sup-b')).not.toThrow();
    expect(() => assertMayActForSupplier(nationalDispatcher, 'sup-b')).not.toThrow();
  });

  it("keeps a supplier's dispatcher to that supplier", () => {
    expect(() => assertMayActForSupplier(supplierDispatcher, 'sup-a')).not.toThrow();
    expect(refusal(() => assertMayActForSupplier(supplierDispatcher, 'sup-b')).code).toBe(
      'access.supplier-scope',
    );
  });

  it('refuses everyone else', () => {
    expect(refusal(() => assertMayActForSupplier(driver, 'sup-a')).message).toBe(
      "Role driver may not act for a supplier's fleet: only dispatchers and admins may",
    );
  });
});

describe('roles and read-only', () => {
  it('makes analysts, and only them, read-only', () => {
    expect(isReadOnly('analyst')).toBe(true);
    for (const role of ['producer', 'driver', 'hospital', 'dispatcher', 'admin'] as const) {
      expect(isReadOnly(role)).toBe(false);
    }
    expect(refusal(() => assertMayWrite(analyst)).message).toBe(
      'Role analyst is read-only: it may look at everything but change nothing',
    );
    expect(() => assertMayWrite(producer)).not.toThrow();
  });

  it('names the roles an action needs', () => {
    expect(() => assertHasRole(admin, ['admin'])).not.toThrow();
    const error = refusal(() => assertHasRole(driver, ['producer', 'hospital', 'admin']));
    expect(error.code).toBe('access.role-required');
    expect(error.message).toBe(
      'This action needs role producer, hospital or admin; you are driver',
    );
  });
});

describe('readScopeOf', () => {
  it('gives each role its scope', () => {
    expect(readScopeOf(admin)).toEqual({ kind: 'national' });
    expect(readScopeOf(analyst)).toEqual({ kind: 'national' });
    expect(readScopeOf(nationalDispatcher)).toEqual({ kind: 'national' });
    expect(readScopeOf(supplierDispatcher)).toEqual({ kind: 'supplier', supplierId: 'sup-a' });
    expect(readScopeOf(producer)).toEqual({ kind: 'facility', facilityId: 'basra-psa' });
    expect(readScopeOf(hospital)).toEqual({ kind: 'facility', facilityId: 'basra-general' });
    expect(readScopeOf(driver)).toEqual({ kind: 'driver', driverUserId: 'u-driver' });
  });

  it('refuses a facility role without a facility rather than widening its scope', () => {
    expect(() => readScopeOf({ userId: 'u', role: 'hospital' })).toThrow(ForbiddenActionError);
  });
});
