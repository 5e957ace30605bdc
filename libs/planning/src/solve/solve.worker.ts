import { parentPort } from 'node:worker_threads';
import { solveRouting, type RoutingProblem, type SolveOptions } from '@oxyledger/routing';

/** A solving thread: solves each problem it is sent, one at a time, and posts the result back. */
parentPort!.on(
  'message',
  ({ id, problem, options }: { id: number; problem: RoutingProblem; options: SolveOptions }) => {
    try {
      parentPort!.postMessage({ id, ok: true, result: solveRouting(problem, options) });
    } catch (error) {
      parentPort!.postMessage({
        id,
        ok: false,
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  },
);
