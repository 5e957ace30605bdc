import { STANDARD_CYLINDER_SIZES } from '@oxyledger/domain';
import type { AllFilter, EventStore, RecordedEvent } from '@oxyledger/event-store';

/**
 * What the read models must hold, recomputed from the ledger by a fold written independently of
 * the projections (and of the domain's `evolve`), so a test can compare the two:
 *
 *     expect(await readActualReadModels(dataSource)).toEqual(recomputeFromLedger(events));
 *
 * Rows use the tables' column names and are sorted the same way on both sides. The fold reads
 * events at their current schema version (all v1 today); it knows only what the read models
 * need: where each cylinder is, in which status, whether it carries oxygen.
 */

export interface StockRow {
  location_kind: string;
  location_id: string;
  owner_id: string;
  size_code: string;
  status: string;
  count: number;
  oxygen_litres: number;
}

export interface DailyFillRow {
  plant_id: string;
  /** UTC day of the fill's `at`, YYYY-MM-DD. */
  day: string;
  size_code: string;
  count: number;
  oxygen_litres: number;
}

/** Cylinders marked empty at a hospital, per UTC day of `at` and size. */
export interface DailyConsumptionRow {
  facility_id: string;
  day: string;
  size_code: string;
  count: number;
  oxygen_litres: number;
}

export interface CylinderStateRow {
  serial: string;
  size_code: string;
  owner_id: string;
  status: string;
  facility_id: string | null;
  trip_id: string | null;
  last_event_type: string;
}

export interface CylinderVisitRow {
  facility_id: string;
  serial: string;
  /** ISO 8601, UTC, milliseconds. */
  first_at: string;
}

export interface TripRow {
  trip_id: string;
  status: string;
  origin_id: string;
  stop_facility_ids: string[];
  on_board: number;
  completed_at: string | null;
  /** Completed, with a cylinder that came on (loaded, collected) and never came off. */
  flagged: boolean;
}

export interface ReadModelRows {
  stock: StockRow[];
  dailyFills: DailyFillRow[];
  dailyConsumption: DailyConsumptionRow[];
  cylinders: CylinderStateRow[];
  visits: CylinderVisitRow[];
  trips: TripRow[];
}

/** Oxygen a full cylinder of each size holds, in litres (D 340, E 680, F 1360, J 6800). */
const OXYGEN_LITRES = new Map(
  STANDARD_CYLINDER_SIZES.map((size) => [size.code, size.oxygenLitres]),
);

type Place = { kind: 'facility'; facilityId: string } | { kind: 'trip'; tripId: string };

/** The fields of cylinder and trip events this fold reads. */
interface EventData {
  at: string;
  status?: string;
  sizeCode?: string;
  ownerId?: string;
  facilityId?: string;
  plantId?: string;
  tripId?: string;
  load?: 'full' | 'empty';
  lastKnownLocation?: Place;
  origin?: { id: string };
  stops?: { id: string }[];
  cylinders?: { serial: string }[];
  delivered?: string[];
  collected?: { serial: string }[];
  serials?: string[];
}

interface Cylinder {
  serial: string;
  sizeCode: string;
  ownerId: string;
  status: string;
  place: Place;
  /** What it carries while IN_TRANSIT. */
  load: 'full' | 'empty' | null;
  lastEventType: string;
}

interface Trip {
  tripId: string;
  status: string;
  originId: string;
  stopIds: string[];
  onBoard: Set<string>;
  cameOn: Set<string>;
  cameOff: Set<string>;
  completedAt: string | null;
}

/** One more cylinder of `sizeCode` on the UTC day of `at` at a facility: the row's new totals. */
function countDay(
  rows: Map<string, { day: string; size_code: string; count: number; oxygen_litres: number }>,
  facilityId: string,
  at: string,
  sizeCode: string,
) {
  const day = new Date(at).toISOString().slice(0, 10);
  const key = [facilityId, day, sizeCode].join('\u0000');
  const row = rows.get(key);
  return {
    key,
    totals: {
      day,
      size_code: sizeCode,
      count: (row?.count ?? 0) + 1,
      oxygen_litres: (row?.oxygen_litres ?? 0) + (OXYGEN_LITRES.get(sizeCode) ?? 0),
    },
  };
}

/** Every read model row the events imply, sorted as `readActualReadModels` sorts them. */
export function recomputeFromLedger(events: readonly RecordedEvent[]): ReadModelRows {
  const cylinders = new Map<string, Cylinder>();
  const trips = new Map<string, Trip>();
  const fills = new Map<string, DailyFillRow>();
  const consumption = new Map<string, DailyConsumptionRow>();
  const visits = new Map<string, CylinderVisitRow>();

  for (const event of events) {
    const data = event.data as EventData;
    if (event.streamName.startsWith('cylinder-')) {
      const serial = event.streamName.slice('cylinder-'.length);
      const cylinder = foldCylinder(cylinders.get(serial), serial, event.type, data);
      if (!cylinder) continue;
      cylinders.set(serial, cylinder);
      if (event.type === 'CylinderFilled') {
        const day = countDay(fills, data.plantId as string, data.at, cylinder.sizeCode);
        fills.set(day.key, { ...day.totals, plant_id: data.plantId as string });
      }
      if (event.type === 'CylinderMarkedEmpty') {
        const day = countDay(consumption, data.facilityId as string, data.at, cylinder.sizeCode);
        consumption.set(day.key, { ...day.totals, facility_id: data.facilityId as string });
      }
      if (cylinder.place.kind === 'facility') {
        const key = `${cylinder.place.facilityId}\u0000${serial}`;
        if (!visits.has(key)) {
          visits.set(key, {
            facility_id: cylinder.place.facilityId,
            serial,
            first_at: new Date(data.at).toISOString(),
          });
        }
      }
    } else if (event.streamName.startsWith('trip-')) {
      const tripId = event.streamName.slice('trip-'.length);
      const trip = foldTrip(trips.get(tripId), tripId, event.type, data);
      if (trip) trips.set(tripId, trip);
    }
  }

  const stock = new Map<string, StockRow>();
  for (const cylinder of cylinders.values()) {
    if (cylinder.status === 'CONDEMNED') continue;
    const [kind, id] =
      cylinder.place.kind === 'facility'
        ? ['facility', cylinder.place.facilityId]
        : ['trip', cylinder.place.tripId];
    const key = [kind, id, cylinder.ownerId, cylinder.sizeCode, cylinder.status].join('\u0000');
    const row = stock.get(key) ?? {
      location_kind: kind,
      location_id: id,
      owner_id: cylinder.ownerId,
      size_code: cylinder.sizeCode,
      status: cylinder.status,
      count: 0,
      oxygen_litres: 0,
    };
    const full =
      cylinder.status === 'FULL' || (cylinder.status === 'IN_TRANSIT' && cylinder.load === 'full');
    row.count += 1;
    row.oxygen_litres += full ? (OXYGEN_LITRES.get(cylinder.sizeCode) ?? 0) : 0;
    stock.set(key, row);
  }

  return sortReadModels({
    stock: [...stock.values()],
    dailyFills: [...fills.values()],
    dailyConsumption: [...consumption.values()],
    cylinders: [...cylinders.values()].map((cylinder) => ({
      serial: cylinder.serial,
      size_code: cylinder.sizeCode,
      owner_id: cylinder.ownerId,
      status: cylinder.status,
      facility_id: cylinder.place.kind === 'facility' ? cylinder.place.facilityId : null,
      trip_id: cylinder.place.kind === 'trip' ? cylinder.place.tripId : null,
      last_event_type: cylinder.lastEventType,
    })),
    visits: [...visits.values()],
    trips: [...trips.values()].map((trip) => ({
      trip_id: trip.tripId,
      status: trip.status,
      origin_id: trip.originId,
      stop_facility_ids: trip.stopIds,
      on_board: trip.onBoard.size,
      completed_at: trip.completedAt,
      flagged: trip.status === 'COMPLETED' && [...trip.cameOn].some((s) => !trip.cameOff.has(s)),
    })),
  });
}

function foldCylinder(
  before: Cylinder | undefined,
  serial: string,
  type: string,
  data: EventData,
): Cylinder | undefined {
  const at = (facilityId: string | undefined): Place => ({
    kind: 'facility',
    facilityId: facilityId as string,
  });
  if (type === 'CylinderRegistered') {
    return {
      serial,
      sizeCode: data.sizeCode as string,
      ownerId: data.ownerId as string,
      status: data.status as string,
      place: at(data.facilityId),
      load: null,
      lastEventType: type,
    };
  }
  if (!before) return undefined; // nothing before a registration counts
  const c: Cylinder = { ...before, lastEventType: type };
  switch (type) {
    case 'CylinderFilled':
      return { ...c, status: 'FULL', place: at(data.plantId) };
    case 'CylinderFillFailedQc': // held at the plant until the gas is vented
      return { ...c, status: 'QUARANTINED', place: at(data.plantId) };
    case 'CylinderLoaded':
      return { ...c, status: 'IN_TRANSIT', place: onTrip(data.tripId), load: 'full' };
    case 'CylinderCollected':
      return { ...c, status: 'IN_TRANSIT', place: onTrip(data.tripId), load: 'empty' };
    case 'CylinderDelivered':
      return { ...c, status: 'FULL', place: at(data.facilityId) };
    case 'CylinderUnloaded': // a cylinder quarantined on the truck stays quarantined
      return {
        ...c,
        status: c.status === 'QUARANTINED' ? c.status : data.load === 'full' ? 'FULL' : 'EMPTY',
        place: at(data.facilityId),
      };
    case 'CylinderPutInUse':
      return { ...c, status: 'IN_USE', place: at(data.facilityId) };
    case 'CylinderMarkedEmpty':
      return { ...c, status: 'EMPTY', place: at(data.facilityId) };
    case 'CylinderQuarantined':
      return { ...c, status: 'QUARANTINED' };
    case 'CylinderReleased':
      return { ...c, status: data.status as string };
    case 'CylinderCondemned':
      return { ...c, status: 'CONDEMNED' };
    case 'CylinderReportedLost': {
      const last = data.lastKnownLocation as Place;
      return { ...c, status: 'LOST', place: last.kind === 'trip' ? onTrip(last.tripId) : last };
    }
    case 'CylinderFound':
      return { ...c, status: data.status as string, place: at(data.facilityId) };
    default: // CylinderTested: the cylinder stays where and as it is
      return c;
  }
}

function onTrip(tripId: string | undefined): Place {
  return { kind: 'trip', tripId: tripId as string };
}

function foldTrip(
  before: Trip | undefined,
  tripId: string,
  type: string,
  data: EventData,
): Trip | undefined {
  if (type === 'TripCreated') {
    return {
      tripId,
      status: 'PLANNED',
      originId: (data.origin as { id: string }).id,
      stopIds: (data.stops ?? []).map((stop) => stop.id),
      onBoard: new Set(),
      cameOn: new Set(),
      cameOff: new Set(),
      completedAt: null,
    };
  }
  if (!before) return undefined;
  const onBoard = new Set(before.onBoard);
  const cameOn = new Set(before.cameOn);
  const cameOff = new Set(before.cameOff);
  switch (type) {
    case 'TripLoaded':
      for (const { serial } of data.cylinders ?? []) onBoard.add(serial);
      for (const { serial } of data.cylinders ?? []) cameOn.add(serial);
      return {
        ...before,
        cameOn,
        status: before.status === 'PLANNED' ? 'LOADING' : before.status,
        onBoard,
      };
    case 'TripStopCompleted':
      for (const serial of data.delivered ?? []) onBoard.delete(serial);
      for (const serial of data.delivered ?? []) cameOff.add(serial);
      for (const { serial } of data.collected ?? []) onBoard.add(serial);
      for (const { serial } of data.collected ?? []) cameOn.add(serial);
      return { ...before, status: 'IN_PROGRESS', onBoard, cameOn, cameOff };
    case 'TripUnloaded':
      for (const serial of data.serials ?? []) onBoard.delete(serial);
      for (const serial of data.serials ?? []) cameOff.add(serial);
      return { ...before, onBoard, cameOff };
    case 'TripCompleted':
      return {
        ...before,
        status: 'COMPLETED',
        onBoard: new Set(),
        completedAt: new Date(data.at).toISOString(),
      };
    default:
      return before;
  }
}

/** Anything that runs SQL: a TypeORM `DataSource` or `EntityManager`. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** The read model tables of `schema` as rows shaped and sorted like `recomputeFromLedger`'s. */
export async function readActualReadModels(db: Queryable, schema = 'app'): Promise<ReadModelRows> {
  const s = `"${schema.replace(/"/g, '""')}"`;
  const rows = async <T>(sql: string) => (await db.query(sql)) as T[];
  return sortReadModels({
    stock: await rows<StockRow>(
      `SELECT location_kind, location_id, owner_id, size_code, status, count,
              oxygen_litres::float8 AS oxygen_litres
       FROM ${s}.stock`,
    ),
    dailyFills: await rows<DailyFillRow>(
      `SELECT plant_id, day::text AS day, size_code, count, oxygen_litres::float8 AS oxygen_litres
       FROM ${s}.daily_fills`,
    ),
    dailyConsumption: await rows<DailyConsumptionRow>(
      `SELECT facility_id, day::text AS day, size_code, count,
              oxygen_litres::float8 AS oxygen_litres
       FROM ${s}.daily_consumption`,
    ),
    cylinders: await rows<CylinderStateRow>(
      `SELECT serial, size_code, owner_id, status, facility_id, trip_id, last_event_type
       FROM ${s}.cylinder_states`,
    ),
    visits: (
      await rows<{ facility_id: string; serial: string; first_at: Date }>(
        `SELECT facility_id, serial, first_at FROM ${s}.cylinder_visits`,
      )
    ).map((visit) => ({ ...visit, first_at: visit.first_at.toISOString() })),
    trips: (
      await rows<Omit<TripRow, 'completed_at'> & { completed_at: Date | null }>(
        `SELECT trip_id, status, origin_id, stop_facility_ids, on_board, completed_at, flagged
         FROM ${s}.trips`,
      )
    ).map((trip) => ({ ...trip, completed_at: trip.completed_at?.toISOString() ?? null })),
  });
}

/** Every event of the ledger (or of `filter`), in global order. */
export async function readLedger(store: EventStore, filter?: AllFilter): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({
      after: events.at(-1)?.position ?? 'start',
      maxCount: 1_000,
      filter,
    });
    events.push(...page);
    if (page.length < 1_000) return events;
  }
}

function sortReadModels(models: ReadModelRows): ReadModelRows {
  return {
    stock: sortBy(models.stock, (r) => [
      r.location_kind,
      r.location_id,
      r.owner_id,
      r.size_code,
      r.status,
    ]),
    dailyFills: sortBy(models.dailyFills, (r) => [r.plant_id, r.day, r.size_code]),
    dailyConsumption: sortBy(models.dailyConsumption, (r) => [r.facility_id, r.day, r.size_code]),
    cylinders: sortBy(models.cylinders, (r) => [r.serial]),
    visits: sortBy(models.visits, (r) => [r.facility_id, r.serial]),
    trips: sortBy(models.trips, (r) => [r.trip_id]),
  };
}

function sortBy<T>(rows: T[], key: (row: T) => string[]): T[] {
  const keyed = rows.map((row) => ({ row, key: key(row).join('\u0000') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ row }) => row);
}
