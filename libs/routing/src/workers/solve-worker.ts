import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  type RoutingProblem,
  RoutingProblemError,
  type SolveOptions,
  type SolveProgress,
  type SolveResult,
} from '../problem/routing-problem';
import { solveRouting } from '../solve-routing';

/** What the main thread gives one solving thread. */
export interface SolveTask {
  problem: RoutingProblem;
  options: Omit<SolveOptions, 'onImprovement'>;
  /** Whether to report every improvement as it is found. */
  reportImprovements: boolean;
}

export type FromSolveWorker =
  | { kind: 'improvement'; progress: SolveProgress }
  | { kind: 'solved'; result: SolveResult }
  | { kind: 'failed'; error: WorkerError };

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
    const result = solveRouting(task.problem, {
      ...task.options,
      onImprovement: task.reportImprovements
        ? (progress) => parentPort?.postMessage({ kind: 'improvement', progress })
        : undefined,
    });
    return { kind: 'solved', result };
  } catch (error) {
    const { name, message, stack } =
      error instanceof Error ? error : new Error(`the solver threw ${String(error)}`);
    const { field, rule } = error instanceof RoutingProblemError ? error : {};
    return { kind: 'failed', error: { name, message, stack, field, rule } };
  }
}

if (!isMainThread && workerData?.entry === __filename) {
  parentPort?.postMessage(solveTask(workerData.data as SolveTask) satisfies FromSolveWorker);
}
