import {
  isMainThread,
  type MessagePort,
  parentPort,
  receiveMessageOnPort,
  workerData,
} from 'node:worker_threads';
import {
  type RoutingProblem,
  RoutingProblemError,
  type SolveOptions,
  type SolveProgress,
  type SolveResult,
} from '../problem/routing-problem';
import type { Sharing } from '../search/hybrid-genetic-search';
import { solveSharing } from '../solve-routing';

/** What the main thread gives one solving thread. */
export interface SolveTask {
  problem: RoutingProblem;
  options: Omit<SolveOptions, 'onImprovement'>;
  /** Whether to report every improvement as it is found. */
  reportImprovements: boolean;
  /** With other threads: where trades arrive, and the counters the main thread bumps then. */
  trading?: {
    thread: number;
    every: number;
    port: MessagePort;
    arrived: SharedArrayBuffer;
  };
}

export type FromSolveWorker =
  | { kind: 'improvement'; progress: SolveProgress }
  | { kind: 'offer'; trade: number; routes: number[][] | undefined }
  | { kind: 'solved'; result: SolveResult }
  | { kind: 'failed'; error: WorkerError };

/** The best routes of every thread at one trade, in thread order (undefined: none yet). */
export interface Trade {
  trade: number;
  routes: (number[][] | undefined)[];
}

/** An error as it crosses threads (a structured clone keeps neither its class nor its fields). */
export interface WorkerError {
  name: string;
  message: string;
  stack?: string;
  field?: string;
  rule?: string;
}

/** This module's own path: what `startWorker` is given to run it in a thread. */
export const SOLVE_WORKER_ENTRY = __filename;

function solveTask(task: SolveTask): FromSolveWorker {
  try {
    const result = solveSharing(
      task.problem,
      {
        ...task.options,
        onImprovement: task.reportImprovements
          ? (progress) => post({ kind: 'improvement', progress })
          : undefined,
      },
      task.trading && sharing(task.trading),
    );
    return { kind: 'solved', result };
  } catch (error) {
    const { name, message, stack } =
      error instanceof Error ? error : new Error(`the solver threw ${String(error)}`);
    const { field, rule } = error instanceof RoutingProblemError ? error : {};
    return { kind: 'failed', error: { name, message, stack, field, rule } };
  }
}

/**
 * The search runs synchronously, so a trade blocks: offer the best routes to the main thread,
 * then sleep on the shared counter until the main thread has every thread's offer and posts
 * them on this thread's port (read synchronously). Every thread adds the same offers in the same
 * order, so the search stays deterministic for a seed and a thread count — as long as no wait
 * runs out of time.
 */
function sharing({ thread, every, port, arrived }: NonNullable<SolveTask['trading']>): Sharing {
  const counter = new Int32Array(arrived);
  let trades = 0;
  return {
    every,
    trade(routes, waitMs) {
      const trade = ++trades;
      post({ kind: 'offer', trade, routes });
      const deadline = performance.now() + waitMs;
      for (;;) {
        // read before looking at the port: a post after this read also bumps the counter
        const bumps = Atomics.load(counter, thread);
        const received = receiveMessageOnPort(port)?.message as Trade | undefined;
        if (received?.trade === trade) {
          return received.routes.flatMap((other, t) => (t === thread || !other ? [] : [other]));
        }
        if (received) continue; // a trade this thread gave up waiting for
        const left = deadline - performance.now();
        if (left <= 0) return [];
        Atomics.wait(counter, thread, bumps, left);
      }
    },
  };
}

function post(message: FromSolveWorker): void {
  parentPort?.postMessage(message);
}

if (!isMainThread && workerData?.entry === __filename) {
  post(solveTask(workerData.data as SolveTask));
}
