import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import {
  type RoutingProblem,
  RoutingProblemError,
  type SolveOptions,
  type SolveResult,
} from '../problem/routing-problem';
import {
  type FromSolveWorker,
  signalsFor,
  SOLVE_WORKER_ENTRY,
  type SolveTask,
  type WorkerError,
} from './solve-worker';
import { startWorker } from './start-worker';

/**
 * Solving threads when none are asked for: one per core but one, at least one. The core left
 * over keeps the event loop of the process that asked (the api's HTTP, projections, lock
 * renewals) from queueing behind the solver threads.
 */
export function defaultSolverThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

export interface WorkerSolveOptions extends SolveOptions {
  /** Solving threads; one per core but one by default (`defaultSolverThreads`). */
  threads?: number;
  /** Aborting stops the threads at once and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * `solveRouting` in worker threads, so the caller's event loop stays free while it searches.
 *
 * With several threads, each runs its own search from its own seed (thread 0 from `seed`, so
 * one thread gives exactly `solveRouting`'s plan), and every so many offspring they trade their
 * best solutions, which join every population: a good region found by one search is recombined
 * by all. Threads post their best to each other directly and never wait at a barrier: with an
 * iteration limit each takes the others' offers of the trade before, so the same problem, seed,
 * thread count and iteration limit give the same plan; with only a time limit each takes the
 * newest that has arrived (see `sharing` in `solve-worker`). The best plan of all
 * threads wins, ties going to the lowest thread. Threads are terminated when the promise
 * settles, whether solved, failed or aborted.
 */
export async function solveRoutingInWorkers(
  problem: RoutingProblem,
  options: WorkerSolveOptions = {},
): Promise<SolveResult> {
  const { threads: wanted, signal, onImprovement, ...searchOptions } = options;
  const threads = wanted ?? defaultSolverThreads();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RoutingProblemError('threads', 'must be a whole number, 1 or more');
  }
  signal?.throwIfAborted();
  const seed = searchOptions.seed ?? 1;
  const calledAt = performance.timeOrigin + performance.now();
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
      const peers = threads > 1 ? peerPorts(threads) : undefined;
      const signals = peers ? signalsFor(threads) : undefined;
      for (let thread = 0; thread < threads; thread++) {
        const own = peers?.[thread].filter((port) => port !== undefined) ?? [];
        const task: SolveTask = {
          problem,
          options: { ...searchOptions, seed: threadSeed(seed, thread) },
          reportImprovements: onImprovement !== undefined,
          calledAt,
          trading: peers && {
            thread,
            every: tradeEvery(problem.customers.length),
            peers: peers[thread],
            signals: signals!,
          },
        };
        const worker = startWorker(SOLVE_WORKER_ENTRY, task, own);
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

/** `ports[a][b]`: thread a's end of a channel to thread b (one channel per pair of threads). */
function peerPorts(threads: number): (MessagePort | undefined)[][] {
  const ports: (MessagePort | undefined)[][] = Array.from({ length: threads }, () =>
    Array.from({ length: threads }, () => undefined),
  );
  for (let a = 0; a < threads; a++) {
    for (let b = a + 1; b < threads; b++) {
      const { port1, port2 } = new MessageChannel();
      ports[a][b] = port1;
      ports[b][a] = port2;
    }
  }
  return ports;
}

/** Trades about as often in time whatever the size: an offspring takes longer on more customers. */
function tradeEvery(customers: number): number {
  return Math.min(100, Math.max(10, Math.round(20_000 / Math.max(customers, 1))));
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
