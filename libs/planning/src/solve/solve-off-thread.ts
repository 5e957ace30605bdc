import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RoutingProblem, SolveOptions, SolveResult } from '@oxyledger/routing';

export interface OffThreadOptions extends Omit<SolveOptions, 'onImprovement'> {
  /**
   * Solving threads: each searches from its own seed (seed, seed + 1, ...) and the best plan
   * wins (feasible first, then lowest cost, then the lowest seed). Default: one per core.
   */
  threads?: number;
}

/** The solver's error, rebuilt on this side of the thread with its name and message. */
export class SolveFailedError extends Error {}

/**
 * Solves a routing problem in worker threads, so the process's event loop keeps answering HTTP,
 * renewing queue locks and applying events while the search runs for its whole time limit.
 * The threads stay for the next solve (starting one costs more than a small solve) and never
 * keep the process alive.
 */
export async function solveOffThread(
  problem: RoutingProblem,
  options: OffThreadOptions = {},
): Promise<SolveResult> {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const seed = options.seed ?? 1;
  const { threads: _threads, ...solve } = options;
  const results = await Promise.all(
    Array.from({ length: threads }, (_, k) =>
      solvingThread(k).solve(problem, { ...solve, seed: seed + k }),
    ),
  );
  return results.reduce((best, next) => (better(next, best) ? next : best));
}

function better(a: SolveResult, b: SolveResult): boolean {
  if (a.solution.feasible !== b.solution.feasible) return a.solution.feasible;
  return a.solution.cost < b.solution.cost;
}

type Reply =
  | { id: number; ok: true; result: SolveResult }
  | { id: number; ok: false; name: string; message: string };

class SolvingThread {
  private nextId = 0;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  constructor(
    private readonly worker: Worker,
    onGone: () => void,
  ) {
    worker.unref();
    worker.on('message', (reply: Reply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    const fail = (message: string) => {
      onGone();
      for (const settle of this.pending.values())
        settle({ id: -1, ok: false, name: 'Error', message });
      this.pending.clear();
    };
    worker.on('error', (error) => fail(`the solving thread failed: ${error.message}`));
    worker.on('exit', (code) => fail(`the solving thread exited with code ${code}`));
  }

  solve(problem: RoutingProblem, options: SolveOptions): Promise<SolveResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) =>
        reply.ok
          ? resolve(reply.result)
          : reject(Object.assign(new SolveFailedError(reply.message), { name: reply.name })),
      );
      this.worker.postMessage({ id, problem, options });
    });
  }
}

const threads: (SolvingThread | undefined)[] = [];

function solvingThread(k: number): SolvingThread {
  const existing = threads[k];
  if (existing) return existing;
  const fromSources = __filename.endsWith('.ts');
  // From sources (tests, benches under ts-node) the thread compiles the worker the same way.
  const worker = fromSources
    ? new Worker(
        `require('ts-node').register({ transpileOnly: true });
         require('tsconfig-paths').register();
         require(${JSON.stringify(join(__dirname, 'solve.worker.ts'))});`,
        { eval: true },
      )
    : new Worker(join(__dirname, 'solve.worker.js'));
  const thread = new SolvingThread(worker, () => {
    if (threads[k] === thread) threads[k] = undefined;
  });
  threads[k] = thread;
  return thread;
}
