import { decideCylinderMovement } from '../cylinder/cylinder.decider';
import { CylinderEvent } from '../cylinder/cylinder.events';
import { collectRefusal, DomainError } from '../shared/domain-error';
import { IsoInstant } from '../shared/time';
import { decideTrip } from '../trip/trip.decider';
import { TripState } from '../trip/trip.state';
import {
  CylinderStates,
  refuseIfAny,
  TripOperationDecision,
  tripOperationDecision,
} from './operation-decision';

/** The driver closes the trip; anything still on board that cannot be found is declared missing. */
export interface CompleteTripRequest {
  tripId: string;
  missingSerials?: string[];
  at: IsoInstant;
}

/**
 * `TripCompleted` on the trip, and `CylinderReportedLost` for each missing cylinder that is
 * still IN_TRANSIT on this trip (one already reported lost, or found since, is left as it is).
 * Refused (`BatchRefused`) while cylinders are on board and not declared missing.
 */
export function decideCompleteTrip(
  request: CompleteTripRequest,
  trip: TripState,
  cylinders: CylinderStates,
): TripOperationDecision {
  const errors: DomainError[] = [];
  const tripEvents = collectRefusal(errors, () =>
    decideTrip({ type: 'CompleteTrip', data: request }, trip),
  );
  const cylinderEvents = new Map<string, CylinderEvent[]>();
  if (tripEvents) {
    for (const serial of request.missingSerials ?? []) {
      const state = cylinders.get(serial);
      if (state?.status !== 'IN_TRANSIT' || state.location.tripId !== request.tripId) continue;
      const decided = collectRefusal(errors, () =>
        decideCylinderMovement(
          {
            type: 'ReportCylinderLost',
            data: {
              serial,
              reason: `missing when trip ${request.tripId} was completed`,
              at: request.at,
            },
          },
          state,
        ),
      );
      if (decided) cylinderEvents.set(serial, decided);
    }
  }
  refuseIfAny(errors);
  return tripOperationDecision(request.tripId, tripEvents ?? [], cylinderEvents);
}
