import { DeliveryProof } from '../delivery-proof/delivery-proof';
import { FacilityRef } from '../facility/facility';
import { IsoInstant } from '../shared/time';
import { TripCylinder } from './trip.state';

/**
 * Commands on one trip stream. The ones that move cylinders carry each cylinder's size (for the
 * vehicle's capacity); `operations/` builds them from the driver's serials and the cylinders'
 * states, and decides the cylinders' side at the same time.
 */
interface TripCommandData {
  tripId: string;
  at: IsoInstant;
}

export type CreateTrip = {
  type: 'CreateTrip';
  data: TripCommandData & {
    /** A producer's plant or a depot. */
    origin: FacilityRef;
    /** The supplier whose plant, truck and driver these are (see `checkTripAssignment`). */
    supplierId?: string;
    /** The vehicle; with `capacityBySize` the trip refuses loads beyond it. */
    vehicle: { id: string; capacityBySize?: Record<string, number> };
    driverId: string;
    /** Hospitals or depots, in planned order. */
    stops: FacilityRef[];
    plannedAt: IsoInstant;
  };
};

export type LoadTrip = {
  type: 'LoadTrip';
  data: TripCommandData & { cylinders: TripCylinder[] };
};

export type DeliverAtStop = {
  type: 'DeliverAtStop';
  data: TripCommandData & {
    facilityId: string;
    delivered: string[];
    collected: TripCylinder[];
    receivedBy: string;
    proof?: DeliveryProof;
  };
};

export type UnloadTrip = {
  type: 'UnloadTrip';
  /** `facility.supplierId`: whose plant it is; a trip unloads only at its supplier's. */
  data: TripCommandData & {
    facility: FacilityRef & { supplierId?: string | null };
    serials: string[];
  };
};

export type CancelTrip = {
  type: 'CancelTrip';
  /** Before anything is loaded. */
  data: TripCommandData & { reason: string };
};

export type AbortTrip = {
  type: 'AbortTrip';
  /**
   * After loading: what is on board is unloaded at `returnTo` (a plant of the trip's supplier),
   * except `missingSerials`, declared missing.
   */
  data: TripCommandData & {
    reason: string;
    returnTo: FacilityRef & { supplierId?: string | null };
    missingSerials?: string[];
  };
};

export type CompleteTrip = {
  type: 'CompleteTrip';
  /** `missingSerials`: on board but not found at the end; they are reported lost. */
  data: TripCommandData & { missingSerials?: string[] };
};

export type TripCommand =
  CreateTrip | LoadTrip | DeliverAtStop | UnloadTrip | CompleteTrip | CancelTrip | AbortTrip;
