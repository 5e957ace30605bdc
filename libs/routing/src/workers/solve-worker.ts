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
  /** `performance.timeOrigin + performance.now()` when the caller asked: the limit counts from it. */
  calledAt: number;
  /** With other threads: a port to each of them, and the counters they bump on posting. */
  trading?: {
    thread: number;
    every: number;
    /** `peers[t]`: the port to thread t (undefined for this thread). */
    peers: (MessagePort | undefined)[];
    /** Per thread: offers posted to it (bumped by the poster), and the last trade it posted. */
    signals: SharedArrayBuffer;
  };
}

export type FromSolveWorker =
  | { kind: 'improvement'; progress: SolveProgress }
  | { kind: 'solved'; result: SolveResult }
  | { kind: 'failed'; error: WorkerError };

/** One thread's best routes at one trade (undefined: none yet), as posted to every other. */
export interface Offer {
  thread: number;
  trade: number;
  routes: number[][] | undefined;
}

/** `signals` holds two counters per thread: offers posted to it, and its last posted trade. */
export function signalsFor(threads: number): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * 2 * threads);
}

/** Written as a thread's last trade when it has finished: no more offers will come from it. */
const FINISHED = 0x7fffffff;

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
  // a search stopped by counting (offspring, or offspring without a better plan) must give one
  // plan; one stopped by the clock depends on the machine's speed anyway
  const { iterationLimit, noImprovementLimit } = task.options;
  const deterministic = [iterationLimit, noImprovementLimit].some((limit) =>
    Number.isFinite(limit ?? Infinity),
  );
  const trading = task.trading && sharing(task.trading, deterministic);
  try {
    const result = solveSharing(
      task.problem,
      {
        ...task.options,
        onImprovement: task.reportImprovements
          ? (progress) => post({ kind: 'improvement', progress })
          : undefined,
      },
      trading,
      Math.max(0, performance.timeOrigin + performance.now() - task.calledAt),
    );
    return { kind: 'solved', result };
  } catch (error) {
    const { name, message, stack } =
      error instanceof Error ? error : new Error(`the solver threw ${String(error)}`);
    const { field, rule } = error instanceof RoutingProblemError ? error : {};
    return { kind: 'failed', error: { name, message, stack, field, rule } };
  } finally {
    trading?.finish();
  }
}

/**
 * Threads trade without a barrier: at its k-th trade a thread posts its best routes to every
 * other thread (straight to their ports, the main thread is not involved) and takes what the
 * others posted — never the same offer twice.
 *
 * - With an iteration limit or a limit on offspring without improvement (the plan must then
 *   depend only on the seed and the thread count, as long as the time limit does not bind), it
 *   takes each other thread's offer of trade k − 1, which that thread posted a whole trade
 *   interval earlier: it waits only when that thread is more than an interval behind (or until
 *   the time limit). Each offer of trade k − 1 depends only on offers of earlier trades, so by
 *   induction every thread's search is the same whatever the threads' speeds.
 * - Without one, the time limit ends the search and the plan depends on the machine's speed
 *   anyway: it never waits, and takes from each thread the newest offer that has arrived.
 *
 * A thread that has finished (its last trade is set to FINISHED) is waited for no longer.
 */
function sharing(
  { thread, every, peers, signals }: NonNullable<SolveTask['trading']>,
  deterministic: boolean,
): Sharing & { finish(): void } {
  const counters = new Int32Array(signals);
  const threads = peers.length;
  const posted = (t: number) => Atomics.load(counters, threads + t);
  const received: Offer[][] = peers.map(() => []);
  const taken = new Int32Array(threads).fill(-1);
  let trades = 0;
  const drain = () => {
    peers.forEach((port, t) => {
      for (let message = port && receiveMessageOnPort(port); message;) {
        received[t].push(message.message as Offer);
        message = receiveMessageOnPort(port!);
      }
    });
  };
  const announce = (trade: number) => {
    Atomics.store(counters, threads + thread, trade);
    peers.forEach((_, t) => {
      Atomics.add(counters, t, 1);
      Atomics.notify(counters, t);
    });
  };
  return {
    every,
    trade(routes, waitMs) {
      const trade = ++trades;
      const offer: Offer = { thread, trade, routes };
      peers.forEach((port) => port?.postMessage(offer));
      announce(trade);
      const deadline = performance.now() + waitMs;
      const offers: number[][][] = [];
      for (let t = 0; t < threads; t++) {
        if (t === thread) continue;
        let chosen: Offer | undefined;
        if (deterministic) {
          const wanted = trade - 1;
          for (;;) {
            // read before draining: a thread posts its offers before it bumps the counter
            // or declares itself finished, so nothing it posted before these reads is missed
            const bumps = Atomics.load(counters, thread);
            const finished = posted(t) === FINISHED;
            drain();
            chosen = received[t].find((o) => o.trade === wanted);
            const left = deadline - performance.now();
            if (chosen || wanted === 0 || finished || left <= 0) break;
            Atomics.wait(counters, thread, bumps, left);
          }
          received[t] = received[t].filter((o) => o.trade > wanted);
        } else {
          drain();
          chosen = received[t].at(-1);
          received[t] = [];
        }
        if (chosen?.routes && chosen.trade > taken[t]) {
          taken[t] = chosen.trade;
          offers.push(chosen.routes);
        }
      }
      return offers;
    },
    finish: () => announce(FINISHED),
  };
}

function post(message: FromSolveWorker): void {
  parentPort?.postMessage(message);
}

if (!isMainThread && workerData?.entry === __filename) {
  post(solveTask(workerData.data as SolveTask));
}
