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
  SOLVE_WORKER_ENTRY,
  type SolveTask,
  type Trade,
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
 * by all. Trades happen at fixed offspring counts and arrive in thread order, so the same
 * problem, seed, thread count and iteration limit give the same plan. The best plan of all
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
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
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
      const market = threads > 1 ? new Market(threads) : undefined;
      for (let thread = 0; thread < threads; thread++) {
        const channel = market ? new MessageChannel() : undefined;
        const task: SolveTask = {
          problem,
          options: { ...searchOptions, seed: threadSeed(seed, thread) },
          reportImprovements: onImprovement !== undefined,
          trading: market && {
            thread,
            every: tradeEvery(problem.customers.length),
            port: channel!.port2,
            arrived: market.arrived,
          },
        };
        if (channel) {
          ports.push(channel.port1);
          market!.ports[thread] = channel.port1;
        }
        const worker = startWorker(SOLVE_WORKER_ENTRY, task, channel ? [channel.port2] : []);
        workers.push(worker);
        worker.on('message', (message: FromSolveWorker) => {
          if (message.kind === 'improvement') {
            if (message.progress.cost < bestReported) {
              bestReported = message.progress.cost;
              onImprovement?.(message.progress);
            }
          } else if (message.kind === 'offer') {
            market!.offer(thread, message.trade, message.routes);
          } else if (message.kind === 'failed') {
            settle(() => reject(rebuilt(message.error)));
          } else {
            results[thread] = message.result;
            market?.leave(thread);
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
    for (const port of ports) port.close();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Collects each trade's offers; once every thread still searching has offered, sends all of
 * them to each offering thread and wakes it (a thread sleeps on its counter in `arrived`).
 */
class Market {
  readonly arrived: SharedArrayBuffer;
  readonly ports: MessagePort[] = [];
  private readonly counters: Int32Array;
  private readonly searching = new Set<number>();
  private readonly offers = new Map<number, Map<number, number[][] | undefined>>();

  constructor(private readonly threads: number) {
    this.arrived = new SharedArrayBuffer(4 * threads);
    this.counters = new Int32Array(this.arrived);
    for (let thread = 0; thread < threads; thread++) this.searching.add(thread);
  }

  offer(thread: number, trade: number, routes: number[][] | undefined): void {
    const offers = this.offers.get(trade) ?? new Map<number, number[][] | undefined>();
    this.offers.set(trade, offers);
    offers.set(thread, routes);
    this.closeIfComplete(trade);
  }

  /** A thread that has finished offers no more: no trade waits for it. */
  leave(thread: number): void {
    this.searching.delete(thread);
    for (const trade of [...this.offers.keys()]) this.closeIfComplete(trade);
  }

  private closeIfComplete(trade: number): void {
    const offers = this.offers.get(trade)!;
    for (const thread of this.searching) if (!offers.has(thread)) return;
    this.offers.delete(trade);
    const routes = Array.from({ length: this.threads }, (_, t) => offers.get(t));
    for (const thread of offers.keys()) {
      this.ports[thread].postMessage({ trade, routes } satisfies Trade);
      Atomics.add(this.counters, thread, 1);
      Atomics.notify(this.counters, thread);
    }
  }
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
