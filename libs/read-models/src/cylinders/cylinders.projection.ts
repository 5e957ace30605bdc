import {
  type Cylinder,
  type CylinderEvent,
  cylinderLocation,
  type CylinderSizeCatalog,
  type CylinderState,
  evolveCylinder,
  fromStoredEvent,
  initialCylinderState,
  isCylinderEvent,
  isRegistered,
  STANDARD_CYLINDER_CONFIG,
  testDueDate,
  utcDateOf,
} from '@oxyledger/domain';
import type { RecordedEvent } from '@oxyledger/event-store';
import type { EntityManager } from 'typeorm';
import { columnArrays } from '../column-arrays';
import type { Projection, RebuildSession } from '../projection';
import { stockBucketOf, StockDeltas } from './stock-bucket';
import { StockMovements } from './stock-movements';

interface Row {
  serial: string;
  state: CylinderState;
  lastEventType: string;
  lastEventAt: string;
  lastFillLot: string | null;
  lastFillPurity: number | null;
  locationSince: string | null;
  statusSince: string | null;
}

/** Cylinders and their oxygen per facility, UTC day and size: filled at a plant, or emptied. */
interface DailyTotal {
  facilityId: string;
  day: string;
  sizeCode: string;
  count: number;
  oxygenLitres: number;
}

/** A cylinder's first arrival at a facility. */
interface Visit {
  facilityId: string;
  serial: string;
  at: string;
}

/** One fill of a lot, passed or failed QC. */
interface LotFill {
  lot: string;
  serial: string;
  filledAt: string;
  plantId: string;
  sizeCode: string;
  purityPercent: number;
  pressureBar: number;
  qcPassed: boolean;
}

/** Sums added onto what is stored: stock, and daily fills and consumption. */
interface Totals {
  stock: StockDeltas;
  /** Keyed by plant (or hospital), day and size. */
  fills: Map<string, DailyTotal>;
  consumption: Map<string, DailyTotal>;
}

/** What a batch changes besides the cylinders' own rows. */
interface Changes extends Totals {
  movements: StockMovements;
  /** Keyed by facility and serial: the first arrival in the batch. */
  visits: Map<string, Visit>;
  lotFills: LotFill[];
}

/**
 * Everything kept per cylinder, written in one transaction per batch so the tables always agree:
 *
 * - `cylinder_states`: each cylinder's state (computed by the domain's own `evolveCylinder`),
 *   where it is, since when, its last event and fill, its next test due;
 * - `stock`: counts and oxygen per location (facility or trip) × owner × size × status, moved
 *   by each cylinder's change of bucket; stock per facility, per supplier, per governorate and
 *   nationally are sums of it;
 * - `daily_fills`: fills per plant, UTC day and size;
 * - `daily_consumption`: cylinders marked empty at hospitals per UTC day and size, with the
 *   oxygen they held (the ledger's own measure of what a hospital uses);
 * - `cylinder_visits`: which cylinders were ever at a facility, and when first;
 * - `stock_movements`: each change of a facility's stock by the instant it happened, so stock
 *   at a past instant is a sum of rows rather than a replay of cylinders' streams;
 * - `lot_fills`: every fill by lot, with its reading and whether it passed QC: the cylinders a
 *   lot recall reaches, and QC failures per lot.
 */
export class CylindersProjection implements Projection {
  readonly name = 'cylinders';
  readonly filter = { streamPrefixes: ['cylinder-'] };
  readonly tables = [
    'cylinder_states',
    'stock',
    'daily_fills',
    'cylinder_visits',
    'daily_consumption',
    'lot_fills',
    'stock_movements',
  ] as const;

  constructor(
    protected readonly sizes: CylinderSizeCatalog = STANDARD_CYLINDER_CONFIG.sizes,
    /** Rows a rebuild holds in memory before it writes them and starts afresh. */
    protected readonly rebuildCacheRows = 200_000,
  ) {}

  /**
   * Keeps `cylinder_states` rows in memory across batches and writes each cylinder once per
   * flush instead of once per batch: in a log that interleaves the whole fleet, a batch touches
   * about as many cylinders as it has events.
   */
  forRebuild(): RebuildSession {
    return new CachedCylindersProjection(this.sizes, this.rebuildCacheRows);
  }

  async apply(events: RecordedEvent[], transaction: EntityManager): Promise<void> {
    const serials = [...new Set(events.map((event) => serialOf(event.streamName)))];
    const rows = await this.rowsFor(serials, transaction);
    const changes: Changes = {
      ...noTotals(),
      movements: new StockMovements(),
      visits: new Map(),
      lotFills: [],
    };
    const { stock, movements, fills, consumption, visits, lotFills } = changes;

    for (const recorded of events) {
      const event = fromStoredEvent(recorded);
      if (!isCylinderEvent(event)) continue;
      const serial = serialOf(recorded.streamName);
      const row = rows.get(serial) ?? newRow(serial, event);
      const before = row.state;
      const after = evolveCylinder(before, event);
      const [from, to] = [stockBucketOf(before, this.sizes), stockBucketOf(after, this.sizes)];
      stock.move(from, to);
      movements.move(from, to, event.data.at);
      this.track(row, before, after, event);
      if (event.type === 'CylinderFilled' && isRegistered(after)) {
        this.count(fills, event.data.plantId, utcDateOf(event.data.at), after.sizeCode);
      }
      if (
        (event.type === 'CylinderFilled' || event.type === 'CylinderFillFailedQc') &&
        isRegistered(after)
      ) {
        lotFills.push({
          lot: event.data.lot,
          serial,
          filledAt: event.data.at,
          plantId: event.data.plantId,
          sizeCode: after.sizeCode,
          purityPercent: event.data.purityPercent,
          pressureBar: event.data.pressureBar,
          qcPassed: event.type === 'CylinderFilled',
        });
      }
      // marked empty happens only at hospitals: the cylinder's content was used there
      if (event.type === 'CylinderMarkedEmpty' && isRegistered(after)) {
        this.count(consumption, event.data.facilityId, utcDateOf(event.data.at), after.sizeCode);
      }
      const location = cylinderLocation(after);
      if (location?.kind === 'facility') {
        const key = `${location.facilityId}\u0000${serial}`;
        if (!visits.has(key))
          visits.set(key, { facilityId: location.facilityId, serial, at: event.data.at });
      }
      rows.set(serial, row);
    }

    await this.saveRows(rows, transaction);
    await this.saveChanges(changes, transaction);
  }

  private track(row: Row, before: CylinderState, after: CylinderState, event: CylinderEvent): void {
    const at = event.data.at;
    if (!sameLocation(before, after)) row.locationSince = at;
    if (before.status !== after.status) row.statusSince = at;
    row.state = after;
    row.lastEventType = event.type;
    row.lastEventAt = at;
    if (event.type === 'CylinderFilled' || event.type === 'CylinderFillFailedQc') {
      row.lastFillLot = event.data.lot;
      row.lastFillPurity = event.data.purityPercent;
    }
  }

  private count(
    totals: Map<string, DailyTotal>,
    facilityId: string,
    day: string,
    sizeCode: string,
  ): void {
    const oxygenLitres = this.sizes.has(sizeCode) ? this.sizes.oxygenLitres(sizeCode) : 0;
    addTotal(totals, `${facilityId}\u0000${day}\u0000${sizeCode}`, {
      facilityId,
      day,
      sizeCode,
      count: 1,
      oxygenLitres,
    });
  }

  /** The rows of these cylinders as stored (absent: no event yet). */
  protected rowsFor(serials: string[], transaction: EntityManager): Promise<Map<string, Row>> {
    return this.load(serials, transaction);
  }

  /** Writes the rows a batch changed. */
  protected saveRows(rows: Map<string, Row>, transaction: EntityManager): Promise<void> {
    return this.saveStates([...rows.values()], transaction);
  }

  /** Writes the rest of what a batch changed. */
  protected async saveChanges(changes: Changes, transaction: EntityManager): Promise<void> {
    await saveTotals(changes, transaction);
    await changes.movements.save(transaction);
    await saveVisits([...changes.visits.values()], transaction);
    await saveLotFills(changes.lotFills, transaction);
  }

  protected async load(serials: string[], transaction: EntityManager): Promise<Map<string, Row>> {
    const stored = (await transaction.query(
      `SELECT serial, state, last_event_type, last_event_at, last_fill_lot, last_fill_purity,
              location_since, status_since
       FROM cylinder_states WHERE serial = ANY($1)`,
      [serials],
    )) as {
      serial: string;
      state: CylinderState;
      last_event_type: string;
      last_event_at: Date;
      last_fill_lot: string | null;
      last_fill_purity: string | null;
      location_since: Date | null;
      status_since: Date | null;
    }[];
    return new Map(
      stored.map((row) => [
        row.serial,
        {
          serial: row.serial,
          state: row.state,
          lastEventType: row.last_event_type,
          lastEventAt: row.last_event_at.toISOString(),
          lastFillLot: row.last_fill_lot,
          lastFillPurity: row.last_fill_purity === null ? null : Number(row.last_fill_purity),
          locationSince: row.location_since?.toISOString() ?? null,
          statusSince: row.status_since?.toISOString() ?? null,
        },
      ]),
    );
  }

  protected async saveStates(rows: Row[], transaction: EntityManager): Promise<void> {
    const registered = rows.filter((row): row is Row & { state: Cylinder } =>
      isRegistered(row.state),
    );
    if (registered.length === 0) return;
    const columns = registered.map((row) => {
      const location = cylinderLocation(row.state);
      return {
        serial: row.serial,
        sizeCode: row.state.sizeCode,
        ownerId: row.state.ownerId,
        status: row.state.status,
        facilityId: location?.kind === 'facility' ? location.facilityId : null,
        facilityKind: location?.kind === 'facility' ? location.facilityKind : null,
        tripId: location?.kind === 'trip' ? location.tripId : null,
        locationSince: row.locationSince,
        statusSince: row.statusSince,
        lastEventType: row.lastEventType,
        lastEventAt: row.lastEventAt,
        lastFillLot: row.lastFillLot,
        lastFillPurity: row.lastFillPurity,
        nextTestDue: testDueDate(row.state),
        state: JSON.stringify(row.state),
      };
    });
    await transaction.query(
      `INSERT INTO cylinder_states AS c (serial, size_code, owner_id, status, facility_id,
         facility_kind, trip_id, location_since, status_since, last_event_type, last_event_at,
         last_fill_lot, last_fill_purity, next_test_due, state)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
         $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::text[],
         $11::timestamptz[], $12::text[], $13::numeric[], $14::date[], $15::jsonb[])
       ON CONFLICT (serial) DO UPDATE SET
         size_code = EXCLUDED.size_code, owner_id = EXCLUDED.owner_id, status = EXCLUDED.status,
         facility_id = EXCLUDED.facility_id, facility_kind = EXCLUDED.facility_kind,
         trip_id = EXCLUDED.trip_id, location_since = EXCLUDED.location_since,
         status_since = EXCLUDED.status_since, last_event_type = EXCLUDED.last_event_type,
         last_event_at = EXCLUDED.last_event_at, last_fill_lot = EXCLUDED.last_fill_lot,
         last_fill_purity = EXCLUDED.last_fill_purity, next_test_due = EXCLUDED.next_test_due,
         state = EXCLUDED.state`,
      columnArrays(columns, [
        'serial',
        'sizeCode',
        'ownerId',
        'status',
        'facilityId',
        'facilityKind',
        'tripId',
        'locationSince',
        'statusSince',
        'lastEventType',
        'lastEventAt',
        'lastFillLot',
        'lastFillPurity',
        'nextTestDue',
        'state',
      ]),
    );
  }
}

/**
 * Rows held in memory between flushes; past `rebuildCacheRows` (cylinders, visits seen and
 * totals held), written and dropped. Stock and daily totals are sums: they are added up here
 * and written once per flush instead of being upserted by every batch, and a visit already
 * written is not sent again.
 */
class CachedCylindersProjection extends CylindersProjection implements RebuildSession {
  private readonly cache = new Map<string, Row>();
  private readonly dirty = new Set<string>();
  private totals = noTotals();
  private readonly visited = new Set<string>();

  override forRebuild(): RebuildSession {
    return new CachedCylindersProjection(this.sizes, this.rebuildCacheRows);
  }

  async flush(transaction: EntityManager): Promise<void> {
    const rows = [...this.dirty].map((serial) => this.cache.get(serial)!);
    for (let start = 0; start < rows.length; start += FLUSH_CHUNK) {
      await this.saveStates(rows.slice(start, start + FLUSH_CHUNK), transaction);
    }
    this.dirty.clear();
    await saveTotals(this.totals, transaction);
    this.totals = noTotals();
  }

  protected override async rowsFor(serials: string[], transaction: EntityManager) {
    const missing = serials.filter((serial) => !this.cache.has(serial));
    if (missing.length > 0) {
      for (const [serial, row] of await this.load(missing, transaction))
        this.cache.set(serial, row);
    }
    const rows = new Map<string, Row>();
    for (const serial of serials) {
      const row = this.cache.get(serial);
      if (row) rows.set(serial, row);
    }
    return rows;
  }

  protected override async saveRows(rows: Map<string, Row>) {
    for (const [serial, row] of rows) {
      this.cache.set(serial, row);
      this.dirty.add(serial);
    }
  }

  protected override async saveChanges(changes: Changes, transaction: EntityManager) {
    const { stock, fills, consumption } = this.totals;
    stock.addAll(changes.stock);
    for (const [key, total] of changes.fills) addTotal(fills, key, total);
    for (const [key, total] of changes.consumption) addTotal(consumption, key, total);
    await changes.movements.save(transaction);
    const unseen = [...changes.visits].filter(([key]) => !this.visited.has(key));
    for (const [key] of unseen) this.visited.add(key);
    await saveVisits(
      unseen.map(([, visit]) => visit),
      transaction,
    );
    await saveLotFills(changes.lotFills, transaction);
    const held = this.cache.size + this.visited.size + fills.size + consumption.size;
    if (held > this.rebuildCacheRows) {
      await this.flush(transaction);
      this.cache.clear();
      this.visited.clear();
    }
  }
}

const FLUSH_CHUNK = 5_000;

function newRow(serial: string, event: CylinderEvent): Row {
  return {
    serial,
    state: initialCylinderState(),
    lastEventType: event.type,
    lastEventAt: event.data.at,
    lastFillLot: null,
    lastFillPurity: null,
    locationSince: null,
    statusSince: null,
  };
}

function sameLocation(a: CylinderState, b: CylinderState): boolean {
  const x = cylinderLocation(a);
  const y = cylinderLocation(b);
  if (!x || !y || x.kind !== y.kind) return false;
  return x.kind === 'facility'
    ? x.facilityId === (y as typeof x).facilityId
    : x.tripId === (y as typeof x).tripId;
}

function noTotals(): Totals {
  return { stock: new StockDeltas(), fills: new Map(), consumption: new Map() };
}

async function saveTotals(totals: Totals, transaction: EntityManager): Promise<void> {
  await saveStock(totals.stock, transaction);
  await saveDailyTotals('daily_fills', 'plant_id', [...totals.fills.values()], transaction);
  await saveDailyTotals(
    'daily_consumption',
    'facility_id',
    [...totals.consumption.values()],
    transaction,
  );
}

async function saveStock(stock: StockDeltas, transaction: EntityManager): Promise<void> {
  const changed = stock.changed();
  if (changed.length === 0) return;
  const upserted = (await transaction.query(
    `INSERT INTO stock AS s (location_kind, location_id, owner_id, size_code, status, count,
       oxygen_litres)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
       $6::integer[], $7::bigint[])
     ON CONFLICT (location_kind, location_id, owner_id, size_code, status) DO UPDATE SET
       count = s.count + EXCLUDED.count, oxygen_litres = s.oxygen_litres + EXCLUDED.oxygen_litres
     RETURNING location_kind, location_id, owner_id, size_code, status, count, oxygen_litres`,
    columnArrays(changed, [
      'locationKind',
      'locationId',
      'ownerId',
      'sizeCode',
      'status',
      'count',
      'oxygenLitres',
    ]),
  )) as {
    location_kind: string;
    location_id: string;
    owner_id: string;
    size_code: string;
    status: string;
    count: number;
    oxygen_litres: string;
  }[];
  const emptied = upserted.filter((row) => row.count === 0 && Number(row.oxygen_litres) === 0);
  if (emptied.length === 0) return;
  await transaction.query(
    `DELETE FROM stock s USING unnest($1::text[], $2::text[], $3::text[], $4::text[],
       $5::text[]) AS r(location_kind, location_id, owner_id, size_code, status)
     WHERE (s.location_kind, s.location_id, s.owner_id, s.size_code, s.status)
         = (r.location_kind, r.location_id, r.owner_id, r.size_code, r.status)`,
    columnArrays(emptied, ['location_kind', 'location_id', 'owner_id', 'size_code', 'status']),
  );
}

async function saveDailyTotals(
  table: 'daily_fills' | 'daily_consumption',
  facilityColumn: 'plant_id' | 'facility_id',
  totals: DailyTotal[],
  transaction: EntityManager,
): Promise<void> {
  if (totals.length === 0) return;
  await transaction.query(
    `INSERT INTO ${table} AS t (${facilityColumn}, day, size_code, count, oxygen_litres)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::integer[], $5::bigint[])
     ON CONFLICT (${facilityColumn}, day, size_code) DO UPDATE SET
       count = t.count + EXCLUDED.count, oxygen_litres = t.oxygen_litres + EXCLUDED.oxygen_litres`,
    columnArrays(totals, ['facilityId', 'day', 'sizeCode', 'count', 'oxygenLitres']),
  );
}

async function saveVisits(visits: Visit[], transaction: EntityManager): Promise<void> {
  if (visits.length === 0) return;
  await transaction.query(
    `INSERT INTO cylinder_visits (facility_id, serial, first_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
     ON CONFLICT (facility_id, serial) DO NOTHING`,
    columnArrays(visits, ['facilityId', 'serial', 'at']),
  );
}

async function saveLotFills(fills: LotFill[], transaction: EntityManager): Promise<void> {
  if (fills.length === 0) return;
  await transaction.query(
    `INSERT INTO lot_fills (lot, serial, filled_at, plant_id, size_code, purity_percent,
       pressure_bar, qc_passed)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[],
       $6::numeric[], $7::numeric[], $8::boolean[])
     ON CONFLICT (lot, serial, filled_at) DO NOTHING`,
    columnArrays(fills, [
      'lot',
      'serial',
      'filledAt',
      'plantId',
      'sizeCode',
      'purityPercent',
      'pressureBar',
      'qcPassed',
    ]),
  );
}

/** Adds `total` into `totals` under `key`. */
function addTotal(totals: Map<string, DailyTotal>, key: string, total: DailyTotal): void {
  const sum = totals.get(key);
  if (!sum) {
    totals.set(key, { ...total });
    return;
  }
  sum.count += total.count;
  sum.oxygenLitres += total.oxygenLitres;
}

function serialOf(streamName: string): string {
  return streamName.slice('cylinder-'.length);
}
