import type { Actor } from './actor';
import { ForbiddenActionError, readScopeOf } from './authorization';

/** What a cylinder's history reveals about who may read it. */
export interface CylinderReadSubject {
  serial: string;
  ownerId?: string;
  /** Where it is now (or was last seen): a facility or a trip. */
  location?: { kind: 'facility'; facilityId: string } | { kind: 'trip'; tripId: string };
  /** Users who recorded an event on the trip it is on now. */
  tripActorIds?: readonly string[];
}

/**
 * A cylinder's full history: nationally scoped users any; a supplier's dispatcher their
 * supplier's cylinders; a producer user their plant's supplier's cylinders (`plantSupplierId`)
 * and those at their plant now; a hospital user the cylinders at their facility now; a driver
 * the cylinders on the trip they are driving. Anything else is a 403.
 */
export function assertMayReadCylinder(
  actor: Actor,
  cylinder: CylinderReadSubject,
  plantSupplierId?: string,
): void {
  const scope = readScopeOf(actor);
  const location = cylinder.location;
  switch (scope.kind) {
    case 'national':
      return;
    case 'supplier':
      if (cylinder.ownerId === scope.supplierId) return;
      break;
    case 'facility':
      if (location?.kind === 'facility' && location.facilityId === scope.facilityId) return;
      if (plantSupplierId !== undefined && cylinder.ownerId === plantSupplierId) return;
      break;
    case 'driver':
      if (location?.kind === 'trip' && cylinder.tripActorIds?.includes(actor.userId)) return;
      break;
  }
  throw new ForbiddenActionError(
    'access.read-scope',
    `A ${actor.role} user may read the history of cylinders in their own scope only; ` +
      `${cylinder.serial} is not`,
  );
}

/**
 * A hospital's beds, census and oxygen need (patient numbers: health data): the hospital's own
 * users, dispatchers (who plan its deliveries), analysts and admins.
 */
export function assertMayReadHospitalDemand(actor: Actor, facilityId: string): void {
  switch (actor.role) {
    case 'admin':
    case 'analyst':
    case 'dispatcher':
      return;
    case 'hospital':
      if (actor.facilityId === facilityId) return;
      throw new ForbiddenActionError(
        'access.facility-scope',
        `A hospital user may read the demand and census of their own hospital ` +
          `(${actor.facilityId ?? 'none assigned'}) only, not of ${facilityId}`,
      );
    default:
      throw new ForbiddenActionError(
        'access.read-scope',
        `Role ${actor.role} may not read a hospital's census: it is health data`,
      );
  }
}
