import { decideCylinderMovement } from '../cylinder/cylinder.decider';
import { CylinderEvent } from '../cylinder/cylinder.events';
import { FacilityRef } from '../facility/facility';
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

/** A loaded trip called off: what is on board goes back to a plant, or is declared missing. */
export interface AbortTripRequest {
  tripId: string;
  reason: string;
  returnTo: FacilityRef & { supplierId?: string | null };
  missingSerials?: string[];
  at: IsoInstant;
}

/**
 * `TripUnloaded` and `TripAborted` on the trip; `CylinderUnloaded` at `returnTo` for each
 * cylinder still on board (empties come off EMPTY, fulls FULL, recalled ones still quarantined)
 * and `CylinderReportedLost` for each declared missing. All or nothing.
 */
export function decideAbortTrip(
  request: AbortTripRequest,
  trip: TripState,
  cylinders: CylinderStates,
): TripOperationDecision {
  const errors: DomainError[] = [];
  const tripEvents = collectRefusal(errors, () =>
    decideTrip({ type: 'AbortTrip', data: request }, trip),
  );
  const cylinderEvents = new Map<string, CylinderEvent[]>();
  if (tripEvents && trip.status !== 'NOT_CREATED') {
    const missing = request.missingSerials ?? [];
    for (const { serial } of trip.onBoard) {
      const state = cylinders.get(serial);
      if (state === undefined) continue;
      const onThisTrip =
        (state.status === 'IN_TRANSIT' || state.status === 'QUARANTINED') &&
        state.location.kind === 'trip' &&
        state.location.tripId === request.tripId;
      // one reported lost or found since is left as it is, as on completion
      if (!onThisTrip) continue;
      const decided = collectRefusal(errors, () =>
        decideCylinderMovement(
          missing.includes(serial)
            ? {
                type: 'ReportCylinderLost',
                data: {
                  serial,
                  reason: `missing when trip ${request.tripId} was aborted`,
                  at: request.at,
                },
              }
            : {
                type: 'UnloadCylinder',
                data: {
                  serial,
                  tripId: request.tripId,
                  facility: request.returnTo,
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
