import type { Position } from '@oxyledger/event-store';
import { appendOperations, LedgerWorkload } from '../test/ledger-workload';
import {
  readActualReadModels,
  readLedger,
  recomputeFromLedger,
} from '../test/recompute-read-models';
import {
  checkpointReaches,
  lastPosition,
  openScratchLedger,
  type ScratchLedger,
  waitUntil,
} from '../test/scratch-ledger';
import { CylindersProjection } from './cylinders/cylinders.projection';
import {
  PROJECTION_LOCK_NAMESPACE,
  ProjectionWorker,
  type ProjectionWorkerOptions,
} from './projection-worker';

const CYLINDERS = new CylindersProjection();

describe('ProjectionWorker', () => {
  let ledger: ScratchLedger;
  let workload: LedgerWorkload;
  const workers: ProjectionWorker[] = [];

  beforeEach(async () => {
    ledger = await openScratchLedger('worker');
    workload = new LedgerWorkload();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await ledger?.close();
  });

  function startWorker(options: Partial<ProjectionWorkerOptions> = {}): ProjectionWorker {
    const worker = new ProjectionWorker(
      ledger.store,
      ledger.dataSource,
      new CylindersProjection(),
      {
        databaseUrl: ledger.url,
        standbyPollMs: 50,
        retryDelayMs: 50,
        ...options,
      },
    );
    workers.push(worker);
    worker.start();
    return worker;
  }

  /** Appends about `events` valid events; the position of the last cylinder event. */
  async function append(events: number): Promise<Position> {
    await appendOperations(ledger.store, workload.operations(events));
    return (await lastPosition(ledger.store, CYLINDERS.filter)) as Position;
  }

  /** The cylinder read models hold exactly what the ledger implies: nothing lost or doubled. */
  async function expectReadModelsToMatchTheLedger(): Promise<void> {
    const { trips: _trips, ...expected } = recomputeFromLedger(await readLedger(ledger.store));
    const { trips: _none, ...actual } = await readActualReadModels(ledger.dataSource);
    expect(actual).toEqual(expected);
    const [{ fills }] = await ledger.dataSource.query(
      `SELECT (SELECT coalesce(sum(count), 0)::int FROM app.daily_fills)
              - (SELECT count(*)::int FROM ledger.events WHERE event_type = 'CylinderFilled')
              AS fills`,
    );
    expect(fills).toBe(0); // every fill counted once
  }

  /** Backends holding the projection's ownership lock in this database. */
  async function lockHolders(): Promise<{ pid: number; application_name: string }[]> {
    return ledger.dataSource.query(
      `SELECT a.pid, a.application_name
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND l.classid = $1::int::oid AND l.objid = hashtext($2)::oid`,
      [PROJECTION_LOCK_NAMESPACE, CYLINDERS.name],
    );
  }

  it('runs the projection in one of two workers while the other stands by; each event once', async () => {
    // Given two workers for the same projection in one process
    const first = startWorker();
    await first.running();
    const second = startWorker();
    await waitUntil(() => second.state === 'standby', 'the second worker stands by');

    // When events are appended
    const last = await append(1_500);
    await checkpointReaches(ledger.store, ledger.dataSource, CYLINDERS.name, last);

    // Then exactly one projector connection owns the projection, and each event was applied once
    expect(first.state).toBe('running');
    expect(second.state).toBe('standby');
    const holders = await lockHolders();
    expect(holders).toHaveLength(1);
    expect(holders[0].application_name).toMatch(/^oxyledger-projector /);
    await expectReadModelsToMatchTheLedger();
  });

  it('hands the projection over when the owner loses its lock connection or stops; each event once', async () => {
    // Given the first worker running (it waits longer than the second polls before retrying)
    const first = startWorker({ retryDelayMs: 2_000 });
    await first.running();
    const second = startWorker();
    await waitUntil(() => second.state === 'standby', 'the second worker stands by');
    await checkpointReaches(ledger.store, ledger.dataSource, CYLINDERS.name, await append(500));
    const [owner] = await lockHolders();

    // When its lock connection is terminated while events are being appended
    const appending = append(1_000);
    await ledger.dataSource.query('SELECT pg_terminate_backend($1)', [owner.pid]);
    const afterTakeover = await appending;

    // Then the standby takes over and continues from the stored checkpoint
    await second.running();
    await checkpointReaches(ledger.store, ledger.dataSource, CYLINDERS.name, afterTakeover);
    await waitUntil(() => first.state === 'standby', 'the first worker stands by');
    const [newOwner, ...others] = await lockHolders();
    expect(others).toEqual([]);
    expect(newOwner.pid).not.toBe(owner.pid);
    const [{ last_error }] = await ledger.dataSource.query(
      `SELECT last_error FROM app.projection_checkpoints WHERE name = 'cylinders'`,
    );
    expect(last_error).toEqual(expect.any(String)); // the lost ownership is on record
    await expectReadModelsToMatchTheLedger();

    // When the new owner stops
    await second.stop();

    // Then the first takes over again, and still nothing is lost or applied twice
    await first.running();
    await checkpointReaches(ledger.store, ledger.dataSource, CYLINDERS.name, await append(500));
    await expectReadModelsToMatchTheLedger();
  });

  it('retries a failed batch from the stored checkpoint: nothing of it is kept, nothing doubled', async () => {
    // Given a worker whose second batch fails after moving the checkpoint, before committing
    let batches = 0;
    const worker = startWorker({
      batchSize: 100,
      beforeCommit: async () => {
        if (++batches === 2) throw new Error('disk full (test)');
      },
    });

    // When events are appended
    const last = await append(1_000);

    // Then it retries, resumes where the last committed batch ended, and finishes
    await checkpointReaches(ledger.store, ledger.dataSource, CYLINDERS.name, last);
    expect(batches).toBeGreaterThan(2);
    expect(worker.state).toBe('running');
    const [{ last_error }] = await ledger.dataSource.query(
      `SELECT last_error FROM app.projection_checkpoints WHERE name = 'cylinders'`,
    );
    expect(last_error).toBe('Error: disk full (test)');
    await expectReadModelsToMatchTheLedger();
  });

  it('resumes from the stored checkpoint when its checkpoint was moved under it', async () => {
    // Given a worker that has applied the ledger so far
    const logged: string[] = [];
    const worker = startWorker({ log: (message) => logged.push(message) });
    await checkpointReaches(ledger.store, ledger.dataSource, CYLINDERS.name, await append(800));

    // When the projection is reset under it (tables emptied, checkpoint back to the start)
    await ledger.dataSource.transaction(async (transaction) => {
      await transaction.query(
        `TRUNCATE ${CYLINDERS.tables.map((table) => `app.${table}`).join(', ')}`,
      );
      await transaction.query(
        `UPDATE app.projection_checkpoints SET position = NULL WHERE name = 'cylinders'`,
      );
    });
    // and more events come
    const last = await append(300);

    // Then its next batch finds the checkpoint moved, and it replays from the stored (empty)
    // checkpoint instead of going on from where it was: the tables hold the whole ledger again
    await checkpointReaches(ledger.store, ledger.dataSource, CYLINDERS.name, last);
    expect(logged.some((message) => message.includes('checkpoint moved'))).toBe(true);
    expect(worker.state).toBe('running');
    await expectReadModelsToMatchTheLedger();
  });

  it('stops when stop() comes while it is still starting', async () => {
    // Given a worker just started (not yet running)
    const worker = startWorker();

    // When it is stopped at once
    await worker.stop();

    // Then it is stopped and holds no ownership: another worker can take the projection
    expect(worker.state).toBe('stopped');
    expect(await lockHolders()).toEqual([]);
    const other = startWorker();
    await other.running();
    await checkpointReaches(ledger.store, ledger.dataSource, CYLINDERS.name, await append(100));
    expect(worker.state).toBe('stopped');
  }, 20_000);
});
