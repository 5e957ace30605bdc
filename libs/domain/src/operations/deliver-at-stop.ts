import { DeliveryProof } from '../delivery-proof/delivery-proof';
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

/** The driver confirms a stop: full cylinders handed over, empties taken back, who signed. */
export interface DeliverAtStopRequest {
  tripId: string;
  facilityId: string;
  delivered: string[];
  collected: string[];
  receivedBy: string;
  proof?: DeliveryProof;
  at: IsoInstant;
}

/**
 * `TripStopCompleted` on the trip, `CylinderDelivered` on each delivered cylinder (FULL at the
 * stop) and `CylinderCollected` on each collected one (IN_TRANSIT empty on the trip); or
 * `BatchRefused` listing every problem: a delivered cylinder not carried full on this trip, a
 * collected one not EMPTY at this stop, a stop not on the trip or already served, capacity...
 */
export function decideDeliverAtStop(
  request: DeliverAtStopRequest,
  trip: TripState,
  cylinders: CylinderStates,
): TripOperationDecision {
  const errors: DomainError[] = [];
  const delivered = Array.isArray(request.delivered) ? request.delivered : [];
  const collected = Array.isArray(request.collected) ? request.collected : [];
  const cylinderEvents = new Map<string, CylinderEvent[]>();
  let tripEvents: TripEvent[] | undefined;

  if (trip.status === 'NOT_CREATED') {
    collectRefusal(errors, () =>
      decideTrip({ type: 'DeliverAtStop', data: { ...request, collected: [] } }, trip),
    );
  } else {
    // When the stop is not on the trip, the trip refuses; the kind here then only labels events
    // that are thrown away.
    const facility: FacilityRef = trip.stops.find((stop) => stop.facility.id === request.facilityId)
      ?.facility ?? {
      id: request.facilityId,
      kind: 'hospital',
    };
    decideForEach(
      delivered,
      cylinders,
      (serial) => ({
        type: 'DeliverCylinder',
        data: {
          serial,
          tripId: request.tripId,
          facility,
          receivedBy: request.receivedBy,
          proof: request.proof,
          at: request.at,
        },
      }),
      cylinderEvents,
      errors,
    );
    const collectedSized = decideForEach(
      collected,
      cylinders,
      (serial) => ({
        type: 'CollectCylinder',
        data: { serial, tripId: request.tripId, facilityId: request.facilityId, at: request.at },
      }),
      cylinderEvents,
      errors,
    );
    // Unregistered serials are already refused; a stop left with nothing to move is not the trip's fault.
    const nothingLeft =
      delivered.length === 0 && collected.length > 0 && collectedSized.length === 0;
    if (!nothingLeft) {
      tripEvents = collectRefusal(errors, () =>
        decideTrip(
          {
            type: 'DeliverAtStop',
            data: {
              tripId: request.tripId,
              facilityId: request.facilityId,
              delivered,
              collected: collectedSized,
              receivedBy: request.receivedBy,
              proof: request.proof,
              at: request.at,
            },
          },
          trip,
        ),
      );
    }
  }
  refuseIfAny(errors);
  return tripOperationDecision(request.tripId, tripEvents ?? [], cylinderEvents);
}
