import type { EventStore, Position, SubscribeToAllOptions } from '@oxyledger/event-store';
import { appendOperations, LedgerWorkload } from '../../test/ledger-workload';
import {
  readActualReadModels,
  readLedger,
  recomputeFromLedger,
} from '../../test/recompute-read-models';
import {
  checkpointReaches,
  lastPosition,
  openScratchLedger,
  type ScratchLedger,
  storedCheckpoint,
  waitUntil,
} from '../../test/scratch-ledger';
import { CylindersProjection } from '../cylinders/cylinders.projection';
import type { Projection } from '../projection';
import { ProjectionWorker, type ProjectionWorkerOptions } from '../projection-worker';
import { TripsProjection } from '../trips/trips.projection';
import { rebuildProjection } from './rebuild-projection';

const CYLINDERS = new CylindersProjection();
const TRIPS = new TripsProjection();

describe('rebuildProjection', () => {
  let ledger: ScratchLedger;
  let workload: LedgerWorkload;
  const workers: ProjectionWorker[] = [];
  /** Releases whatever a test held (a paused rebuild, a held batch), should it fail half-way. */
  const releases: (() => void)[] = [];

  beforeEach(async () => {
    ledger = await openScratchLedger('rebuild');
    workload = new LedgerWorkload();
  });
  afterEach(async () => {
    releases.splice(0).forEach((release) => release());
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await ledger?.close();
  });

  function startWorker(
    projection: Projection,
    options: Partial<ProjectionWorkerOptions> = {},
  ): ProjectionWorker {
    const worker = new ProjectionWorker(ledger.store, ledger.dataSource, projection, {
      databaseUrl: ledger.url,
      standbyPollMs: 50,
      retryDelayMs: 50,
      ...options,
    });
    workers.push(worker);
    worker.start();
    return worker;
  }

  async function append(events: number): Promise<void> {
    await appendOperations(ledger.store, workload.operations(events));
  }

  /** Waits until `projection` has applied everything appended so far. */
  async function caughtUp(projection: Projection): Promise<Position> {
    const last = (await lastPosition(ledger.store, projection.filter)) as Position;
    await checkpointReaches(ledger.store, ledger.dataSource, projection.name, last);
    return last;
  }

  async function expected() {
    return recomputeFromLedger(await readLedger(ledger.store));
  }

  async function indexes(projection: Projection) {
    return ledger.dataSource.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'app' AND tablename = ANY($1) ORDER BY tablename, indexname`,
      [projection.tables],
    );
  }

  async function rowCount(table: string): Promise<number> {
    const [{ count }] = (await ledger.dataSource.query(
      `SELECT count(*)::int AS count FROM ${table}`,
    )) as { count: number }[];
    return count;
  }

  async function rebuildSchemas(): Promise<string[]> {
    const rows = (await ledger.dataSource.query(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild%'`,
    )) as { nspname: string }[];
    return rows.map((row) => row.nspname);
  }

  /** Spoils the live read models in every table. */
  async function corruptReadModels(): Promise<void> {
    await ledger.dataSource.query(`UPDATE app.stock SET count = 999`);
    await ledger.dataSource.query(
      `DELETE FROM app.cylinder_states WHERE serial IN (SELECT serial FROM app.cylinder_states LIMIT 5)`,
    );
    await ledger.dataSource.query(`UPDATE app.daily_fills SET oxygen_litres = oxygen_litres * 2`);
    await ledger.dataSource.query(`DELETE FROM app.cylinder_visits`);
    await ledger.dataSource.query(`UPDATE app.trips SET status = 'PLANNED', on_board = 0`);
  }

  it('rebuilds spoiled read models from the ledger and swaps them in, indexes and all', async () => {
    // Given read models kept live, then spoiled
    for (const projection of [CYLINDERS, TRIPS]) startWorker(projection);
    await append(1_500);
    await caughtUp(CYLINDERS);
    await caughtUp(TRIPS);
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    const indexesBefore = [await indexes(CYLINDERS), await indexes(TRIPS)];
    await corruptReadModels();
    expect(await readActualReadModels(ledger.dataSource)).not.toEqual(await expected());

    // When both projections are rebuilt
    const cylinders = await rebuildProjection(ledger.store, ledger.dataSource, CYLINDERS, {
      batchSize: 200,
    });
    const trips = await rebuildProjection(ledger.store, ledger.dataSource, TRIPS);

    // Then the tables hold what the ledger implies again
    expect(await readActualReadModels(ledger.dataSource)).toEqual(await expected());
    // each checkpoint is at its projection's last event
    const cylinderEvents = await readLedger(ledger.store, CYLINDERS.filter);
    expect(cylinders.events).toBe(cylinderEvents.length);
    expect(cylinders.position).toBe(cylinderEvents.at(-1)?.position);
    expect(await storedCheckpoint(ledger.dataSource, CYLINDERS.name)).toBe(cylinders.position);
    expect(await storedCheckpoint(ledger.dataSource, TRIPS.name)).toBe(
      await lastPosition(ledger.store, TRIPS.filter),
    );
    expect(trips.position).toBe(await storedCheckpoint(ledger.dataSource, TRIPS.name));
    // the swapped-in tables have the same indexes, by name and definition
    expect([await indexes(CYLINDERS), await indexes(TRIPS)]).toEqual(indexesBefore);
    // and nothing of the rebuild is left behind
    expect(await rebuildSchemas()).toEqual([]);
    expect(await storedCheckpoint(ledger.dataSource, `${CYLINDERS.name}#rebuild`)).toBeNull();

    // And a live worker goes on from the rebuilt checkpoint
    startWorker(CYLINDERS);
    await append(300);
    await caughtUp(CYLINDERS);
    const { trips: _trips, ...rest } = await readActualReadModels(ledger.dataSource);
    const { trips: _expectedTrips, ...expectedRest } = await expected();
    expect(rest).toEqual(expectedRest);
  });

  it('keeps readers on the old tables and the live worker running during a rebuild; it resumes after the swap', async () => {
    // Given a live worker whose batches the test can hold open before they commit
    const logged: string[] = [];
    const live = holdable();
    releases.push(live.release);
    startWorker(CYLINDERS, {
      batchSize: 50,
      log: (line) => logged.push(line),
      beforeCommit: live.beforeCommit,
    });
    await append(1_500);
    await caughtUp(CYLINDERS);
    const [[spoiled]] = (await ledger.dataSource.query(
      `UPDATE app.stock SET count = 999
       WHERE (location_kind, location_id, owner_id, size_code, status) =
             (SELECT location_kind, location_id, owner_id, size_code, status FROM app.stock LIMIT 1)
       RETURNING location_id, owner_id, size_code, status`,
    )) as [{ location_id: string; owner_id: string; size_code: string; status: string }[], number];
    const spoiledCount = async () =>
      (
        (await ledger.dataSource.query(
          `SELECT count FROM app.stock
           WHERE location_id = $1 AND owner_id = $2 AND size_code = $3 AND status = $4`,
          [spoiled.location_id, spoiled.owner_id, spoiled.size_code, spoiled.status],
        )) as { count: number }[]
      )[0]?.count;
    const indexesBefore = await indexes(CYLINDERS);

    // When a rebuild runs, held after its first batch
    const gate = pausingAfterFirstBatch(ledger.store);
    releases.push(gate.release);
    const rebuilt = rebuildProjection(gate.store, ledger.dataSource, CYLINDERS, { batchSize: 200 });
    await gate.paused;

    // Then readers still see the old tables, while the new ones fill up beside them
    expect(await spoiledCount()).toBe(999);
    // (cylinder_states rows wait in the rebuild's memory until it flushes; visits are written
    // with each batch)
    const rebuiltSoFar = await rowCount('rebuild_cylinders.cylinder_visits');
    expect(rebuiltSoFar).toBeGreaterThan(0);
    expect(rebuiltSoFar).toBeLessThan(await rowCount('app.cylinder_visits'));
    // and the live worker goes on applying new events to the old tables
    await append(300);
    await caughtUp(CYLINDERS);

    // When the live worker is mid-batch (locks taken, not committed) as the rebuild comes to
    // swap: 120 registrations in one append, of which the live batch holds the first 50
    live.hold();
    const heldAt = (await ledger.store.appendToStreams(workload.registration(120))).position;
    await live.held;
    gate.release();
    await waitUntil(() => swapWaitsForLock(), 'the swap waits for the live batch');
    // and more events are appended while the swap waits (readers see them only once the held
    // batch ended: it is older)
    await appendOperations(ledger.store, workload.operations(200), { waitUntilVisible: false });
    live.release();

    // Then the swap applies what was appended meanwhile (all 120 registrations at least) and
    // moves the live checkpoint there
    const result = await rebuilt;
    expect(
      ledger.store.comparePositions(result.position as Position, heldAt),
    ).toBeGreaterThanOrEqual(0);
    // and the live worker, finding its checkpoint moved, resumes from the rebuilt position
    await append(300);
    await caughtUp(CYLINDERS);
    expect(logged.filter((line) => line.includes('checkpoint moved'))).not.toEqual([]);
    expect(workers[0].state).toBe('running');
    // nothing lost, nothing applied twice, the spoiled row rebuilt
    const { trips: _trips, ...actual } = await readActualReadModels(ledger.dataSource);
    const { trips: _expectedTrips, ...wanted } = await expected();
    expect(actual).toEqual(wanted);
    expect(await spoiledCount()).not.toBe(999);
    expect(await indexes(CYLINDERS)).toEqual(indexesBefore);
    expect(await rebuildSchemas()).toEqual([]);
  });

  it('loses and doubles nothing when events are appended all through a rebuild', async () => {
    // Given a live worker
    startWorker(CYLINDERS);
    await append(1_000);

    // When the projection is rebuilt while events are appended, one operation after another
    // (holding at most 50 cylinders in memory, so it writes them out many times on the way)
    const operations = workload.operations(1_500);
    const smallCache = new CylindersProjection(undefined, 50);
    await Promise.all([
      rebuildProjection(ledger.store, ledger.dataSource, smallCache, { batchSize: 100 }),
      appendOperations(ledger.store, operations),
    ]);

    // Then, once the live worker caught up, the tables are what the ledger implies
    await caughtUp(CYLINDERS);
    const { trips: _trips, ...actual } = await readActualReadModels(ledger.dataSource);
    const { trips: _expectedTrips, ...wanted } = await expected();
    expect(actual).toEqual(wanted);
    expect(await rebuildSchemas()).toEqual([]);
  });

  /** Whether a transaction waits to lock `app.cylinder_states` exclusively (the swap). */
  async function swapWaitsForLock(): Promise<boolean> {
    const [{ waiting }] = (await ledger.dataSource.query(
      `SELECT count(*)::int AS waiting FROM pg_locks
       WHERE NOT granted AND locktype = 'relation' AND mode = 'AccessExclusiveLock'
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND relation = 'app.cylinder_states'::regclass`,
    )) as { waiting: number }[];
    return waiting > 0;
  }
});

/** A `beforeCommit` hook that, once told to, holds the next batch open until released. */
function holdable() {
  let holding = false;
  let signalHeld!: () => void;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (signalHeld = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    held,
    release,
    hold: () => (holding = true),
    beforeCommit: async () => {
      if (!holding) return;
      holding = false;
      signalHeld();
      await released;
    },
  };
}

/**
 * The real store, except that a subscription made through it waits before its second batch
 * until released: a rebuild made with it stops half-way, with its first batch committed.
 */
function pausingAfterFirstBatch(store: EventStore) {
  let signalPaused!: () => void;
  let release!: () => void;
  const paused = new Promise<void>((resolve) => (signalPaused = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const gated = new Proxy(store, {
    get(target, property) {
      if (property === 'subscribeToAll') {
        return (options: SubscribeToAllOptions) => {
          let batches = 0;
          return target.subscribeToAll({
            ...options,
            handle: async (events) => {
              if (++batches === 2) {
                signalPaused();
                await released;
              }
              await options.handle(events);
            },
          });
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: gated, paused, release };
}
