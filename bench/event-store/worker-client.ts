import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
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

export type Request = { id: number; task: Task };
export type Reply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * A store in its own process: Emmett's package changes pg's global type parsers, and each
 * store should get its own event loop and heap. Workers print progress straight to stdout.
 */
export class StoreWorker {
  private nextId = 0;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  private constructor(
    readonly target: TargetName,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    child.on('exit', (code) => {
      for (const settle of this.pending.values()) {
        settle({ id: -1, ok: false, error: `worker '${target}' exited with code ${code}` });
      }
      this.pending.clear();
    });
  }

  static async start(
    target: TargetName,
    connectionString: string,
    poolSize: number,
  ): Promise<StoreWorker> {
    const runningTs = __filename.endsWith('.ts');
    const child = fork(join(__dirname, runningTs ? 'worker.ts' : 'worker.js'), [], {
      execArgv: runningTs
        ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register']
        : [],
      stdio: 'inherit',
    });
    const worker = new StoreWorker(target, child);
    await worker.run({ kind: 'connect', target, connectionString, poolSize });
    return worker;
  }

  run<K extends Task['kind']>(task: Extract<Task, { kind: K }>): Promise<TaskResults[K]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) =>
        reply.ok
          ? resolve(reply.result as TaskResults[K])
          : reject(new Error(`${this.target}: ${reply.error}`)),
      );
      this.child.send({ id, task } satisfies Request);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.run({ kind: 'close' }).catch(() => undefined);
    await exited;
  }
}
