import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Position } from '@oxyledger/event-store';
import { PROJECTIONS } from '../src/projections';
import { appendOperations, LedgerWorkload } from './ledger-workload';
import { readActualReadModels, readLedger, recomputeFromLedger } from './recompute-read-models';
import {
  checkpointReaches,
  lastPosition,
  openScratchLedger,
  type ScratchLedger,
  storedCheckpoint,
} from './scratch-ledger';

const REPO_ROOT = resolve(__dirname, '../../..');
const CHILD_SCRIPT = resolve(__dirname, 'projector-child.ts');

/**
 * A real projector process killed with SIGKILL (no cleanup, no rollback but PostgreSQL's), once
 * in the middle of a batch and once at a random point, then run again: the read models must be
 * exactly what the ledger implies, as if nothing had happened.
 */
describe('projector killed mid-batch', () => {
  let ledger: ScratchLedger;
  const processes: ProjectorProcess[] = [];

  beforeAll(async () => {
    ledger = await openScratchLedger('crash');
  });
  afterAll(async () => {
    await Promise.all(processes.map((projector) => projector.kill('SIGKILL')));
    await ledger?.close();
  });

  function startProjector(env: Record<string, string> = {}): ProjectorProcess {
    const projector = new ProjectorProcess({ DATABASE_URL: ledger.url, ...env });
    processes.push(projector);
    return projector;
  }

  it('recovers from being killed: every read model equals the recomputation from the ledger', async () => {
    // Given a ledger of a few thousand events: hundreds of cylinders filled, carried, delivered,
    // used, collected, quarantined, condemned, lost and found
    const workload = new LedgerWorkload();
    await appendOperations(ledger.store, workload.operations(3_000));

    // When a projector with slow batches is killed while its third cylinders batch is open
    const slow = startProjector({ BATCH_SIZE: '100', BATCH_DELAY_MS: '400' });
    const batches = await slow.lines((line) => line.startsWith('mid-batch cylinders '), 3);
    expect(await slow.kill('SIGKILL')).toBe('SIGKILL');

    // Then nothing of that batch remains: the checkpoint is where the batch before it ended
    expect(await storedCheckpoint(ledger.dataSource, 'cylinders')).toBe(batches[1].split(' ')[2]);

    // When more events come while a second projector catches up, and it is killed at a random
    // point of its work (mid-batch or between batches; CRASH_KILL_AFTER_MS replays one)
    const killAfterMs = Number(
      process.env.CRASH_KILL_AFTER_MS ?? Math.floor(Math.random() * 1_500),
    );
    const unlucky = startProjector({ BATCH_SIZE: '100', BATCH_DELAY_MS: '20' });
    await unlucky.lines((line) => line === 'running', 1);
    await Promise.all([
      appendOperations(ledger.store, workload.operations(500)),
      new Promise((resolve) => setTimeout(resolve, killAfterMs)),
    ]);
    await unlucky.kill('SIGKILL');

    // and a third one runs at full speed while the last events are appended
    const projector = startProjector();
    await appendOperations(ledger.store, workload.operations(500));
    for (const projection of PROJECTIONS.map((create) => create())) {
      const last = (await lastPosition(ledger.store, projection.filter)) as Position | undefined;
      if (last === undefined) continue; // the workload writes nothing this projection reads
      await checkpointReaches(ledger.store, ledger.dataSource, projection.name, last, 30_000);
    }

    // Then every read model is exactly what the ledger implies (a failure shows killAfterMs)
    const expected = recomputeFromLedger(await readLedger(ledger.store));
    const actual = await readActualReadModels(ledger.dataSource);
    expect({ killAfterMs, ...actual }).toEqual({ killAfterMs, ...expected });
    expect(expected.trips.some((trip) => trip.on_board > 0)).toBe(true); // trips on the road
    expect(expected.stock.some((row) => row.status === 'LOST')).toBe(true);

    // and every cylinder not condemned is counted exactly once in stock, where it is
    const fleet = expected.cylinders.filter((cylinder) => cylinder.status !== 'CONDEMNED');
    expect(actual.stock.reduce((sum, row) => sum + row.count, 0)).toBe(fleet.length);
    const perCylinder = (await ledger.dataSource.query(
      `SELECT CASE WHEN trip_id IS NULL THEN 'facility' ELSE 'trip' END AS location_kind,
              coalesce(facility_id, trip_id) AS location_id, owner_id, size_code, status,
              count(*)::int AS count
       FROM app.cylinder_states WHERE status <> 'CONDEMNED'
       GROUP BY 1, 2, 3, 4, 5`,
    )) as Record<string, unknown>[];
    expect(sortedRows(perCylinder)).toEqual(
      sortedRows(actual.stock.map(({ oxygen_litres: _litres, ...row }) => row)),
    );

    // And the projector stops cleanly when asked to
    expect(await projector.kill('SIGTERM')).toBe(0);
  }, 60_000);
});

function sortedRows(rows: Record<string, unknown>[]): string[] {
  return rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
}

/** projector-child.ts in a process of its own, its stdout read line by line. */
class ProjectorProcess {
  private readonly child: ChildProcess;
  private readonly output: string[] = [];
  private stderr = '';
  private readonly listeners = new Set<() => void>();
  private readonly exit: Promise<string | number | null>;
  private ended = false;

  constructor(env: Record<string, string>) {
    this.child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', CHILD_SCRIPT],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.output.push(line);
      this.listeners.forEach((listener) => listener());
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exit = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        this.ended = true;
        this.listeners.forEach((listener) => listener());
        resolve(signal ?? code);
      }),
    );
  }

  /** The first `count` lines matching `predicate`, as soon as the last of them is printed. */
  lines(
    predicate: (line: string) => boolean,
    count: number,
    timeoutMs = 30_000,
  ): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error('timed out')), timeoutMs);
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (!error) return resolve(this.output.filter(predicate).slice(0, count));
        reject(new Error(`Projector: ${error.message} waiting for ${count} lines\n${this.stderr}`));
      };
      const check = () => {
        if (this.output.filter(predicate).length >= count) done();
        else if (this.ended) done(new Error('exited'));
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends `signal` (unless it has ended) and resolves with how it ended: signal or exit code. */
  kill(signal: NodeJS.Signals): Promise<string | number | null> {
    if (!this.ended) this.child.kill(signal);
    return this.exit;
  }
}
