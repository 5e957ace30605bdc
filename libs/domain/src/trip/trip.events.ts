import { DeliveryProof } from '../delivery-proof/delivery-proof';
import { FacilityKind, FacilityRef } from '../facility/facility';
import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';
import { TripCylinder } from './trip.state';

/** Event type strings: part of the ledger's schema, never derived from code names. */
export const TripEventType = {
  Created: 'TripCreated',
  Loaded: 'TripLoaded',
  StopCompleted: 'TripStopCompleted',
  Unloaded: 'TripUnloaded',
  Completed: 'TripCompleted',
  Cancelled: 'TripCancelled',
  Aborted: 'TripAborted',
} as const;

interface TripEventData {
  tripId: string;
  at: IsoInstant;
}

export type TripCreated = VersionedEvent<
  typeof TripEventType.Created,
  TripEventData & {
    origin: FacilityRef;
    /** Absent on trips recorded before trips named their supplier. */
    supplierId?: string | null;
    vehicleId: string;
    capacityBySize: Record<string, number> | null;
    driverId: string;
    stops: FacilityRef[];
    plannedAt: IsoInstant;
  }
>;

/** Full cylinders put on the truck at the trip's origin. */
export type TripLoaded = VersionedEvent<
  typeof TripEventType.Loaded,
  TripEventData & { facilityId: string; cylinders: TripCylinder[] }
>;

/** A stop served: full cylinders delivered, empties collected, signed for by `receivedBy`. */
export type TripStopCompleted = VersionedEvent<
  typeof TripEventType.StopCompleted,
  TripEventData & {
    facilityId: string;
    facilityKind: FacilityKind;
    delivered: string[];
    collected: TripCylinder[];
    receivedBy: string;
    /** Content hashes of the signature (and photo) kept beside the ledger; absent on old events. */
    proof?: DeliveryProof;
  }
>;

/** Cylinders taken off the truck at a plant or depot (empties to refill, undelivered fulls). */
export type TripUnloaded = VersionedEvent<
  typeof TripEventType.Unloaded,
  TripEventData & { facilityId: string; facilityKind: FacilityKind; serials: string[] }
>;

export type TripCompleted = VersionedEvent<
  typeof TripEventType.Completed,
  TripEventData & { missingSerials: string[] }
>;

/** Called off before anything was loaded. */
export type TripCancelled = VersionedEvent<
  typeof TripEventType.Cancelled,
  TripEventData & { reason: string }
>;

/** Called off after loading; what was on board was unloaded just before, or is missing. */
export type TripAborted = VersionedEvent<
  typeof TripEventType.Aborted,
  TripEventData & { reason: string; returnedTo: string; missingSerials: string[] }
>;

export type TripEvent =
  | TripCreated
  | TripLoaded
  | TripStopCompleted
  | TripUnloaded
  | TripCompleted
  | TripCancelled
  | TripAborted;

export type TripEventTypeName = TripEvent['type'];

/** Current schema version of every trip event type. */
export const TRIP_EVENT_VERSIONS: Readonly<Record<TripEventTypeName, number>> = {
  TripCreated: 1,
  TripLoaded: 1,
  TripStopCompleted: 1,
  TripUnloaded: 1,
  TripCompleted: 1,
  TripCancelled: 1,
  TripAborted: 1,
};

/** Builds a trip event at its current version. */
export function tripEvent<Type extends TripEventTypeName>(
  type: Type,
  data: Extract<TripEvent, { type: Type }>['data'],
): Extract<TripEvent, { type: Type }> {
  return { type, version: 1, data } as Extract<TripEvent, { type: Type }>;
}

/** The trip's stream in the ledger; `trip-` is the category prefix. */
export function tripStreamName(tripId: string): string {
  return `trip-${tripId}`;
}
