import { CylinderEvent } from '../cylinder/cylinder.events';
import { collectRefusal, DomainError, InvalidCommand } from '../shared/domain-error';
import { IsoInstant } from '../shared/time';
import { serialListProblems } from '../shared/validation';
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

/** The driver confirms full cylinders loaded at the trip's origin. */
export interface LoadTripRequest {
  tripId: string;
  serials: string[];
  at: IsoInstant;
}

/**
 * `TripLoaded` on the trip and `CylinderLoaded` on each cylinder, or `BatchRefused` listing
 * every problem: a cylinder not FULL, not at the trip's origin, quarantined, condemned...; the
 * trip completed or departed; the vehicle's capacity exceeded.
 */
export function decideLoadTrip(
  request: LoadTripRequest,
  trip: TripState,
  cylinders: CylinderStates,
): TripOperationDecision {
  const errors: DomainError[] = [];
  const serials = Array.isArray(request.serials) ? request.serials : [];
  if (serials.length === 0)
    errors.push(new InvalidCommand('serials', 'must list at least one cylinder'));
  errors.push(...serialListProblems(serials));

  const cylinderEvents = new Map<string, CylinderEvent[]>();
  let tripEvents: TripEvent[] | undefined;
  if (trip.status === 'NOT_CREATED') {
    collectRefusal(errors, () =>
      decideTrip({ type: 'LoadTrip', data: { ...request, cylinders: [] } }, trip),
    );
  } else {
    const sized = decideForEach(
      serials,
      cylinders,
      (serial) => ({
        type: 'LoadCylinder',
        data: { serial, tripId: request.tripId, originFacilityId: trip.origin.id, at: request.at },
      }),
      cylinderEvents,
      errors,
    );
    if (sized.length > 0 || serials.length === 0) {
      tripEvents = collectRefusal(errors, () =>
        decideTrip(
          { type: 'LoadTrip', data: { tripId: request.tripId, cylinders: sized, at: request.at } },
          trip,
        ),
      );
    }
  }
  refuseIfAny(errors);
  return tripOperationDecision(request.tripId, tripEvents ?? [], cylinderEvents);
}
