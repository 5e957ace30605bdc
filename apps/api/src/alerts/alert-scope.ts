import type { Actor } from '../access/actor';
import { supplyScopeOf } from '../supply/supply-scope';
import type { AlertCondition } from './alert-conditions.reader';

/** Which conditions an actor sees: national readers all; others those about them. */
export function alertVisibleTo(
  actor: Actor,
  context: { plantSupplierId?: string | null; driverTripIds?: ReadonlySet<string> },
): (alert: AlertCondition) => boolean {
  const scope = supplyScopeOf(actor);
  switch (scope.kind) {
    case 'national':
      return () => true;
    case 'owner':
      return (alert) => alert.ownerId === null || alert.ownerId === scope.ownerId;
    case 'facility':
      return (alert) =>
        alert.facilityId === scope.facilityId ||
        (!!context.plantSupplierId && alert.ownerId === context.plantSupplierId);
    case 'driver':
      return (alert) => alert.tripId !== null && !!context.driverTripIds?.has(alert.tripId);
  }
}
