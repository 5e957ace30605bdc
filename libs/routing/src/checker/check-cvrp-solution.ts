import type { CvrpInstance } from '../formats/cvrplib';
import type { CvrpSolution } from '../formats/cvrplib-solution';

export interface CheckResult {
  feasible: boolean;
  /** Recomputed from the instance's coordinates, not taken from the solution. */
  cost: number;
  violations: string[];
}

/**
 * Checks a CVRP solution against its instance, with code of its own (nothing shared with the
 * solver): every customer served exactly once, no route over capacity, and the cost recomputed
 * with TSPLIB's EUC_2D rule, `nint(sqrt(dx² + dy²))`.
 */
export function checkCvrpSolution(instance: CvrpInstance, solution: CvrpSolution): CheckResult {
  const violations: string[] = [];
  const customers = instance.coordinates.length - 1;
  const nodeOf = (customer: number) => (customer >= instance.depot + 1 ? customer : customer - 1);
  const served = new Map<number, number>();
  let cost = 0;
  solution.routes.forEach((route, r) => {
    let load = 0;
    let previous = instance.depot;
    for (const customer of route) {
      if (!Number.isInteger(customer) || customer < 1 || customer > customers) {
        violations.push(`route ${r + 1}: customer ${customer} is not in 1..${customers}`);
        continue;
      }
      const node = nodeOf(customer);
      served.set(customer, (served.get(customer) ?? 0) + 1);
      load += instance.demands[node];
      cost += euc2d(instance, previous, node);
      previous = node;
    }
    cost += euc2d(instance, previous, instance.depot);
    if (load > instance.capacity) {
      violations.push(`route ${r + 1}: load ${load} over capacity ${instance.capacity}`);
    }
  });
  for (let customer = 1; customer <= customers; customer++) {
    const times = served.get(customer) ?? 0;
    if (times !== 1) violations.push(`customer ${customer} served ${times} times`);
  }
  return { feasible: violations.length === 0, cost, violations };
}

function euc2d(instance: CvrpInstance, from: number, to: number): number {
  const a = instance.coordinates[from];
  const b = instance.coordinates[to];
  return Math.round(Math.hypot(a.x - b.x, a.y - b.y));
}
