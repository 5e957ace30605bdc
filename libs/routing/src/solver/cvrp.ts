import type { CvrpInstance } from '../formats/cvrplib';
import { type CapacitatedProblem, savingsRoutes } from './savings';

/** The instance as a solver problem: the EUC_2D matrix, rounded as TSPLIB prescribes. */
export function cvrpProblem(instance: CvrpInstance): CapacitatedProblem {
  const { coordinates } = instance;
  const distance = coordinates.map((a) =>
    coordinates.map((b) => Math.round(Math.hypot(a.x - b.x, a.y - b.y))),
  );
  return {
    depot: instance.depot,
    capacity: instance.capacity,
    demands: instance.demands,
    distance,
  };
}

/** Solves a CVRPLIB instance; routes use the `.sol` numbering (customers from 1, no depot). */
export function solveCvrp(instance: CvrpInstance): { routes: number[][]; cost: number } {
  const problem = cvrpProblem(instance);
  const routes = savingsRoutes(problem);
  const cost = routes.reduce((sum, route) => {
    const tour = [problem.depot, ...route, problem.depot];
    return sum + tour.slice(1).reduce((s, node, k) => s + problem.distance[tour[k]][node], 0);
  }, 0);
  const customerNumber = (node: number) => (node > instance.depot ? node : node + 1);
  return { routes: routes.map((route) => route.map(customerNumber)), cost };
}
