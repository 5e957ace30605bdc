import { IsoInstant } from '../shared/time';
import { decideTrip } from '../trip/trip.decider';
import { TripState } from '../trip/trip.state';
import { TripOperationDecision, tripOperationDecision } from './operation-decision';

/** A trip called off before anything was loaded: no cylinder moves. */
export interface CancelTripRequest {
  tripId: string;
  reason: string;
  at: IsoInstant;
}

export function decideCancelTrip(
  request: CancelTripRequest,
  trip: TripState,
): TripOperationDecision {
  const events = decideTrip({ type: 'CancelTrip', data: request }, trip);
  return tripOperationDecision(request.tripId, events, new Map());
}
