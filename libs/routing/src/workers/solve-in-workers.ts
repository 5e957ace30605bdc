import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  type RoutingProblem,
  RoutingProblemError,
  type SolveOptions,
  type SolveResult,
} from '../problem/routing-problem';
import {
  type FromSolveWorker,
  SOLVE_WORKER_ENTRY,
  type SolveTask,
  type WorkerError,
} from './solve-worker';
import { startWorker } from './start-worker';

export interface WorkerSolveOptions extends SolveOptions {
  /** Solving threads; one per core by default. */
  threads?: number;
  /** Aborting stops the threads at once and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * `solveRouting` in worker threads, so the caller's event loop stays free while it searches.
 * With several threads each searches from its own seed (thread 0 from `seed`, so one thread
 * gives exactly `solveRouting`'s plan) and the best plan wins, ties going to the lowest thread:
 * the same problem, seed, thread count and iteration limit give the same plan. Threads are
 * terminated when the promise settles, whether solved, failed or aborted.
 */
export async function solveRoutingInWorkers(
  problem: RoutingProblem,
  options: WorkerSolveOptions = {},
): Promise<SolveResult> {
  const { threads: wanted, signal, onImprovement, ...searchOptions } = options;
  const threads = wanted ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RoutingProblemError('threads', 'must be a whole number, 1 or more');
  }
  signal?.throwIfAborted();
  const seed = searchOptions.seed ?? 1;
  const workers: Worker[] = [];
  let bestReported = Infinity;
  try {
    const results = await new Promise<SolveResult[]>((resolve, reject) => {
      const results: SolveResult[] = [];
      let pending = threads;
      const onAbort = () => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (outcome: () => void) => {
        signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      for (let thread = 0; thread < threads; thread++) {
        const task: SolveTask = {
          problem,
          options: { ...searchOptions, seed: threadSeed(seed, thread) },
          reportImprovements: onImprovement !== undefined,
        };
        const worker = startWorker(SOLVE_WORKER_ENTRY, task);
        workers.push(worker);
        worker.on('message', (message: FromSolveWorker) => {
          if (message.kind === 'improvement') {
            if (message.progress.cost < bestReported) {
              bestReported = message.progress.cost;
              onImprovement?.(message.progress);
            }
          } else if (message.kind === 'failed') {
            settle(() => reject(rebuilt(message.error)));
          } else {
            results[thread] = message.result;
            if (--pending === 0) settle(() => resolve(results));
          }
        });
        worker.once('error', (error) => settle(() => reject(error)));
        worker.once('exit', (code) => {
          if (results[thread] === undefined) {
            settle(() => reject(new Error(`solving thread ${thread} exited (code ${code})`)));
          }
        });
      }
    });
    return best(results);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Thread 0 keeps the seed; the others get seeds far from it and from each other. */
function threadSeed(seed: number, thread: number): number {
  return thread === 0 ? seed : (seed + Math.imul(thread, 0x9e3779b1)) >>> 0;
}

/** Feasible before infeasible, then the lower cost, then the lower thread. */
function best(results: SolveResult[]): SolveResult {
  let chosen = results[0];
  for (const result of results.slice(1)) {
    const a = result.solution;
    const b = chosen.solution;
    if (a.feasible !== b.feasible ? a.feasible : a.cost < b.cost) chosen = result;
  }
  const iterations = results.reduce((sum, result) => sum + result.statistics.iterations, 0);
  return {
    solution: chosen.solution,
    statistics: { ...chosen.statistics, iterations, threads: results.length },
  };
}

function rebuilt(error: WorkerError): Error {
  const copy =
    error.name === 'RoutingProblemError' && error.field !== undefined && error.rule !== undefined
      ? new RoutingProblemError(error.field, error.rule)
      : Object.assign(new Error(error.message), { name: error.name });
  if (error.stack) copy.stack = error.stack;
  return copy;
}
