import type { RoutingProblem, SolveOptions, SolveResult } from './problem/routing-problem';
import { validateRoutingProblem } from './problem/validate-routing-problem';
import { HybridGeneticSearch, type Sharing } from './search/hybrid-genetic-search';
import { SearchProblem } from './search/search-problem';

const DEFAULT_TIME_LIMIT_MS = 5_000;

/**
 * Solves a routing problem within the time and iteration limits and returns the best plan found:
 * feasible if any feasible plan was found (`solution.feasible`), else the least infeasible one.
 * The same problem, seed and iteration limit (without a binding time limit) give the same plan.
 */
export function solveRouting(problem: RoutingProblem, options: SolveOptions = {}): SolveResult {
  return solveSharing(problem, options, undefined);
}

/**
 * `solveRouting`, trading solutions with searches in other threads (see `solve-worker`). The
 * time limit counts from the call, less `spentMs` already spent before it (starting a thread):
 * checking and preparing a large problem takes part of it, as it takes part of the caller's wait.
 */
export function solveSharing(
  problem: RoutingProblem,
  options: SolveOptions,
  sharing: Sharing | undefined,
  spentMs = 0,
): SolveResult {
  const startedAt = performance.now() - spentMs;
  validateRoutingProblem(problem);
  const search = new SearchProblem(problem);
  const outcome = new HybridGeneticSearch(search, {
    timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    startedAt,
    iterationLimit: options.iterationLimit ?? Infinity,
    noImprovementLimit: options.noImprovementLimit ?? Infinity,
    seed: options.seed ?? 1,
    onImprovement: options.onImprovement,
    sharing,
  }).run();
  const { best } = outcome;
  const routes = best.routes.flatMap((customers, slot) =>
    customers.length > 0 ? [{ vehicleType: search.slotType[slot], customers: [...customers] }] : [],
  );
  const served = new Set(routes.flatMap((route) => route.customers));
  const unserved: number[] = [];
  for (let c = 0; c < search.customerCount; c++) if (!served.has(c)) unserved.push(c);
  return {
    solution: {
      routes,
      unserved,
      distance: best.distance,
      cost: best.cost,
      feasible: outcome.feasible,
    },
    statistics: {
      iterations: outcome.iterations,
      elapsedMs: outcome.elapsedMs,
      bestFoundAtMs: outcome.bestFoundAtMs,
      restarts: outcome.restarts,
      improvements: outcome.improvements,
    },
  };
}
