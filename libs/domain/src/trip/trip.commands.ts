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
  };
};

export type UnloadTrip = {
  type: 'UnloadTrip';
  data: TripCommandData & { facility: FacilityRef; serials: string[] };
};

export type CompleteTrip = {
  type: 'CompleteTrip';
  /** `missingSerials`: on board but not found at the end; they are reported lost. */
  data: TripCommandData & { missingSerials?: string[] };
};

export type TripCommand = CreateTrip | LoadTrip | DeliverAtStop | UnloadTrip | CompleteTrip;
