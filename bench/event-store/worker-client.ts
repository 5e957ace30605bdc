import { TaskProcess } from '../shared/task-process';
import type { ReadAllResult, SeedOptions } from './read-all';
import type { LatencySummary } from './stats';
import type { LatencyOptions } from './subscription-latency';
import type { AppendWorkload } from './workload';

export type TargetName = 'ours' | 'emmett';

/** What the orchestrator asks a worker to do; each store lives in its own worker process. */
export type Task =
  | { kind: 'connect'; target: TargetName; connectionString: string; poolSize: number }
  | { kind: 'append'; workload: AppendWorkload }
  | { kind: 'seed'; options: Omit<SeedOptions, 'onProgress'> }
  | { kind: 'readAll'; events: number; pageSize: number }
  | { kind: 'latency'; separateSubscriberStore: boolean; options: LatencyOptions }
  | { kind: 'close' };

export interface AppendRowResult {
  appends: number;
  events: number;
  seconds: number;
  latencyMs: LatencySummary;
}

export interface SubscriptionLatencyResult {
  latencyMs: LatencySummary;
  missed: number;
}

export interface TaskResults {
  connect: void;
  append: AppendRowResult;
  seed: { seconds: number };
  readAll: ReadAllResult;
  latency: SubscriptionLatencyResult;
  close: void;
}

/**
 * A store in its own process: Emmett's package changes pg's global type parsers, and each
 * store should get its own event loop and heap. Workers print progress straight to stdout.
 */
export class StoreWorker {
  private constructor(
    readonly target: TargetName,
    private readonly process: TaskProcess<Task, TaskResults>,
  ) {}

  static async start(
    target: TargetName,
    connectionString: string,
    poolSize: number,
  ): Promise<StoreWorker> {
    const worker = new StoreWorker(
      target,
      TaskProcess.fork<Task, TaskResults>(__dirname, 'worker', `worker '${target}'`),
    );
    await worker.run({ kind: 'connect', target, connectionString, poolSize });
    return worker;
  }

  run<K extends Task['kind']>(task: Extract<Task, { kind: K }>): Promise<TaskResults[K]> {
    return this.process.run(task);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
