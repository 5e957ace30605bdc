import { TaskProcess } from '../shared/task-process';
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

/**
 * A projector in a process of its own, as in production: its event loop and heap are not the
 * appender's, and the ledger wakes it over LISTEN/NOTIFY rather than in-process. It prints
 * progress straight to stdout.
 */
export class ProjectorProcess {
  private constructor(private readonly process: TaskProcess<ChildTask, ChildResults>) {}

  /** `cpuProfileDir`: write a V8 CPU profile of the process there when it exits. */
  static async start(url: string, cpuProfileDir?: string): Promise<ProjectorProcess> {
    const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
    const projector = new ProjectorProcess(
      TaskProcess.fork<ChildTask, ChildResults>(
        __dirname,
        'projector-child',
        'projector process',
        profile,
      ),
    );
    await projector.run({ kind: 'connect', url });
    return projector;
  }

  run<K extends ChildTask['kind']>(
    task: Extract<ChildTask, { kind: K }>,
  ): Promise<ChildResults[K]> {
    return this.process.run(task);
  }

  /** Closes its connections and waits for it to exit. */
  stop(): Promise<void> {
    return this.process.stop();
  }
}
