import { DomainError } from '../shared/domain-error';

/**
 * What a trip is run with, as the network and the user directory know them. A trip uses one
 * supplier's own plant, truck and driver: PRODUCT.md, "Trips use the supplier's own plants,
 * trucks and drivers, one open trip per truck" (the open trip is `vehicle-booking.ts`).
 */
export interface TripAssignment {
  origin: { id: string; kind: string; supplierId: string | null; active: boolean };
  vehicle: { id: string; supplierId: string; active: boolean };
  /** `undefined`: no user has that id. */
  driver: { id: string; role: string; supplierId: string | null; active: boolean } | undefined;
}

/** One rule of a trip's assignment broken; `field` names the request field at fault. */
export class TripAssignmentRefused extends DomainError {
  readonly code = 'trip.assignment-refused';
  readonly kind = 'invalid';

  constructor(
    readonly field: string,
    rule: string,
    details: Record<string, unknown> = {},
  ) {
    super(`Trip refused: ${field} ${rule}`, { field, rule: `${field} ${rule}`, ...details });
  }
}

/**
 * The supplier that runs the trip (the origin's), or `TripAssignmentRefused` naming the first
 * rule broken: the origin is an active plant or depot of a supplier; the vehicle is active and
 * that supplier's; the driver is an active user with the driver role, of that supplier.
 */
export function checkTripAssignment({ origin, vehicle, driver }: TripAssignment): string {
  if ((origin.kind !== 'producer' && origin.kind !== 'depot') || origin.supplierId === null) {
    throw new TripAssignmentRefused('originFacilityId', "must be a supplier's plant or depot", {
      facilityId: origin.id,
    });
  }
  if (!origin.active) {
    throw new TripAssignmentRefused('originFacilityId', 'must be an active facility', {
      facilityId: origin.id,
    });
  }
  const supplierId = origin.supplierId;
  if (!vehicle.active) {
    throw new TripAssignmentRefused('vehicleId', 'must be an active vehicle', {
      vehicleId: vehicle.id,
    });
  }
  if (vehicle.supplierId !== supplierId) {
    throw new TripAssignmentRefused(
      'vehicleId',
      `must belong to the origin's supplier ${supplierId} (it belongs to ${vehicle.supplierId})`,
      { vehicleId: vehicle.id, supplierId, vehicleSupplierId: vehicle.supplierId },
    );
  }
  if (driver === undefined) {
    throw new TripAssignmentRefused('driverUserId', 'must be a known user');
  }
  if (driver.role !== 'driver') {
    throw new TripAssignmentRefused(
      'driverUserId',
      `must be a user with the driver role (this one is ${driver.role})`,
      { driverUserId: driver.id },
    );
  }
  if (!driver.active) {
    throw new TripAssignmentRefused('driverUserId', 'must be an active user', {
      driverUserId: driver.id,
    });
  }
  if (driver.supplierId !== supplierId) {
    throw new TripAssignmentRefused(
      'driverUserId',
      `must drive for the origin's supplier ${supplierId} (this driver is ${driver.supplierId ?? 'with no supplier'})`,
      { driverUserId: driver.id, supplierId, driverSupplierId: driver.supplierId },
    );
  }
  return supplierId;
}
