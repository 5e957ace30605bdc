import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RebuildTimings } from './instrument';

/** What run.ts asks a projector process (projector-child.ts) to do. */
export type ChildTask =
  | { kind: 'connect'; url: string }
  | { kind: 'rebuild'; projection: string; batchSize?: number }
  | { kind: 'live'; projection: string }
  | { kind: 'stopLive' }
  | { kind: 'close' };

export interface RebuildMeasurement {
  projection: string;
  /** Events the projection applied (its filter's events only). */
  events: number;
  /** The whole `rebuildProjection` call: fresh tables, catch-up, swap. */
  seconds: number;
  eventsPerSec: number;
  /** The option passed; null when the library's default was used. */
  batchSize: number | null;
  /** CPU time of the projector process (JSON parsing, evolve, building SQL parameters, GC). */
  projectorCpuSeconds: number;
  /** CPU time of every process on the machine meanwhile (PostgreSQL, the projector, others). */
  machineBusyCpuSeconds: number | null;
  timings: RebuildTimings;
}

export interface ChildResults {
  connect: void;
  rebuild: RebuildMeasurement;
  live: void;
  /** What the live projection did, measured as in a rebuild. */
  stopLive: RebuildTimings;
  close: void;
}

export type ChildRequest = { id: number; task: ChildTask };
export type ChildReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * A projector in a process of its own, as in production: its event loop and heap are not the
 * appender's, and the ledger wakes it over LISTEN/NOTIFY rather than in-process. It prints
 * progress straight to stdout.
 */
export class ProjectorProcess {
  private nextId = 0;
  private readonly pending = new Map<number, (reply: ChildReply) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: ChildReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    child.on('exit', (code) => {
      for (const settle of this.pending.values()) {
        settle({ id: -1, ok: false, error: `projector process exited with code ${code}` });
      }
      this.pending.clear();
    });
  }

  /** `cpuProfileDir`: write a V8 CPU profile of the process there when it exits. */
  static async start(url: string, cpuProfileDir?: string): Promise<ProjectorProcess> {
    const runningTs = __filename.endsWith('.ts');
    const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
    const child = fork(
      join(__dirname, runningTs ? 'projector-child.ts' : 'projector-child.js'),
      [],
      {
        execArgv: [
          ...(runningTs
            ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']
            : []),
          ...profile,
        ],
        stdio: 'inherit',
      },
    );
    const projector = new ProjectorProcess(child);
    await projector.run({ kind: 'connect', url });
    return projector;
  }

  run<K extends ChildTask['kind']>(
    task: Extract<ChildTask, { kind: K }>,
  ): Promise<ChildResults[K]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) =>
        reply.ok
          ? resolve(reply.result as ChildResults[K])
          : reject(new Error(`projector: ${reply.error}`)),
      );
      this.child.send({ id, task } satisfies ChildRequest);
    });
  }

  /** Closes its connections and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.run({ kind: 'close' }).catch(() => undefined);
    await exited;
  }
}
