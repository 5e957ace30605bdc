import { CylinderEvent } from '../cylinder/cylinder.events';
import { FacilityRef } from '../facility/facility';
import { collectRefusal, DomainError } from '../shared/domain-error';
import { IsoInstant } from '../shared/time';
import { decideTrip } from '../trip/trip.decider';
import { TripEvent } from '../trip/trip.events';
import { TripState } from '../trip/trip.state';
import {
  CylinderStates,
  refuseIfAny,
  TripOperationDecision,
  tripOperationDecision,
} from './operation-decision';
import { decideForEach } from './trip-cylinders';

/** The driver confirms cylinders taken off the truck at a plant (or depot). */
export interface UnloadTripRequest {
  tripId: string;
  /** With `supplierId` (whose plant it is), a trip of a supplier unloads only at its own. */
  facility: FacilityRef & { supplierId?: string | null };
  serials: string[];
  at: IsoInstant;
}

/**
 * `TripUnloaded` on the trip and `CylinderUnloaded` on each cylinder: empties come off EMPTY
 * (ready to refill), undelivered fulls come off FULL. Or `BatchRefused` listing every problem.
 */
export function decideUnloadTrip(
  request: UnloadTripRequest,
  trip: TripState,
  cylinders: CylinderStates,
): TripOperationDecision {
  const errors: DomainError[] = [];
  const serials = Array.isArray(request.serials) ? request.serials : [];
  const cylinderEvents = new Map<string, CylinderEvent[]>();
  const tripEvents: TripEvent[] | undefined = collectRefusal(errors, () =>
    decideTrip({ type: 'UnloadTrip', data: { ...request, serials } }, trip),
  );
  if (trip.status !== 'NOT_CREATED') {
    decideForEach(
      serials,
      cylinders,
      (serial) => ({
        type: 'UnloadCylinder',
        data: { serial, tripId: request.tripId, facility: request.facility, at: request.at },
      }),
      cylinderEvents,
      errors,
    );
  }
  refuseIfAny(errors);
  return tripOperationDecision(request.tripId, tripEvents ?? [], cylinderEvents);
}
