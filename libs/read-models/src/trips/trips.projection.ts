import {
  type DeliveryProof,
  evolveTrip,
  fromStoredEvent,
  initialTripState,
  isTripEvent,
  type TripCylinder,
  type TripEvent,
  type TripState,
} from '@oxyledger/domain';
import type { RecordedEvent } from '@oxyledger/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection';
import { reconcileTrip } from './trip-reconciliation';

/** A stop as the trips read model shows it: what was delivered and collected there. */
export interface TripStopView {
  facilityId: string;
  facilityKind: string;
  completed: boolean;
  completedAt: string | null;
  delivered: string[];
  collected: TripCylinder[];
  receivedBy: string | null;
  /** Hashes of the signature and photo images (`GET /delivery-proofs/{sha256}`). */
  proof?: DeliveryProof | null;
}

/** What happened on a trip, beyond its current state: the cylinders it moved. */
export interface TripRecord {
  tripId: string;
  state: TripState;
  loaded: TripCylinder[];
  stops: TripStopView[];
  unloaded: { facilityId: string; serials: string[]; at: string }[];
  createdAt: string | null;
  updatedAt: string;
  completedAt: string | null;
}

/**
 * `trips`: each trip's status, vehicle, driver and stops, and what was loaded, delivered,
 * collected and unloaded, from the trip streams.
 */
export class TripsProjection implements Projection {
  readonly name = 'trips';
  readonly filter = { streamPrefixes: ['trip-'] };
  readonly tables = ['trips'] as const;

  async apply(events: RecordedEvent[], transaction: EntityManager): Promise<void> {
    const tripIds = [...new Set(events.map((event) => tripIdOf(event.streamName)))];
    const records = await this.load(tripIds, transaction);
    for (const recorded of events) {
      const event = fromStoredEvent(recorded);
      if (!isTripEvent(event)) continue;
      const tripId = tripIdOf(recorded.streamName);
      const record = records.get(tripId) ?? newRecord(tripId, event.data.at);
      records.set(tripId, recordTripEvent(record, event));
    }
    await this.save([...records.values()], transaction);
  }

  private async load(tripIds: string[], transaction: EntityManager) {
    const rows = (await transaction.query('SELECT record FROM trips WHERE trip_id = ANY($1)', [
      tripIds,
    ])) as { record: TripRecord }[];
    return new Map(rows.map(({ record }) => [record.tripId, record]));
  }

  private async save(records: TripRecord[], transaction: EntityManager): Promise<void> {
    const created = records.filter((record) => record.state.status !== 'NOT_CREATED');
    if (created.length === 0) return;
    const columns = created.map((record) => {
      const state = record.state as Exclude<TripState, { status: 'NOT_CREATED' }>;
      return {
        tripId: record.tripId,
        status: state.status,
        originId: state.origin.id,
        vehicleId: state.vehicleId,
        driverId: state.driverId,
        plannedAt: state.plannedAt,
        stopFacilityIds: state.stops.map((stop) => stop.facility.id),
        onBoard: state.onBoard.length,
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        completedAt: record.completedAt,
        flagged: reconcileTrip(record).flagged,
        record,
      };
    });
    await transaction.query(
      `INSERT INTO trips (trip_id, status, origin_id, vehicle_id, driver_id, planned_at,
         stop_facility_ids, on_board, created_at, updated_at, completed_at, flagged, record)
       SELECT r."tripId", r.status, r."originId", r."vehicleId", r."driverId", r."plannedAt",
         ARRAY(SELECT jsonb_array_elements_text(r."stopFacilityIds")), r."onBoard",
         r."createdAt", r."updatedAt", r."completedAt", r.flagged, r.record
       FROM jsonb_to_recordset($1::jsonb) AS r("tripId" text, status text, "originId" text,
         "vehicleId" text, "driverId" text, "plannedAt" timestamptz, "stopFacilityIds" jsonb,
         "onBoard" integer, "createdAt" timestamptz, "updatedAt" timestamptz,
         "completedAt" timestamptz, flagged boolean, record jsonb)
       ON CONFLICT (trip_id) DO UPDATE SET status = EXCLUDED.status,
         origin_id = EXCLUDED.origin_id, vehicle_id = EXCLUDED.vehicle_id,
         driver_id = EXCLUDED.driver_id, planned_at = EXCLUDED.planned_at,
         stop_facility_ids = EXCLUDED.stop_facility_ids, on_board = EXCLUDED.on_board,
         created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
         completed_at = EXCLUDED.completed_at, flagged = EXCLUDED.flagged,
         record = EXCLUDED.record`,
      [JSON.stringify(columns)],
    );
  }
}

function newRecord(tripId: string, at: string): TripRecord {
  return {
    tripId,
    state: initialTripState(),
    loaded: [],
    stops: [],
    unloaded: [],
    createdAt: null,
    updatedAt: at,
    completedAt: null,
  };
}

/** Folds one trip event into the record: the domain's state, plus what moved where. */
export function recordTripEvent(record: TripRecord, event: TripEvent): TripRecord {
  const next: TripRecord = {
    ...record,
    state: evolveTrip(record.state, event),
    updatedAt: event.data.at,
  };
  switch (event.type) {
    case 'TripCreated':
      next.createdAt = event.data.at;
      next.stops = event.data.stops.map((facility) => ({
        facilityId: facility.id,
        facilityKind: facility.kind,
        completed: false,
        completedAt: null,
        delivered: [],
        collected: [],
        receivedBy: null,
      }));
      break;
    case 'TripLoaded':
      next.loaded = [...record.loaded, ...event.data.cylinders];
      break;
    case 'TripStopCompleted':
      next.stops = record.stops.map((stop) =>
        stop.facilityId === event.data.facilityId
          ? {
              ...stop,
              completed: true,
              completedAt: event.data.at,
              delivered: [...event.data.delivered],
              collected: [...event.data.collected],
              receivedBy: event.data.receivedBy,
              proof: event.data.proof ?? null,
            }
          : stop,
      );
      break;
    case 'TripUnloaded':
      next.unloaded = [
        ...record.unloaded,
        { facilityId: event.data.facilityId, serials: [...event.data.serials], at: event.data.at },
      ];
      break;
    case 'TripCompleted':
    case 'TripCancelled':
    case 'TripAborted':
      next.completedAt = event.data.at;
      break;
  }
  return next;
}

function tripIdOf(streamName: string): string {
  return streamName.slice('trip-'.length);
}
