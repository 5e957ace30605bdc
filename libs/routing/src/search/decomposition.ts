import type { RoutingProblem } from '../problem/routing-problem';
import type { Random } from './random';
import { spatialOrder } from './selective-route-exchange';
import type { SearchProblem } from './search-problem';

/**
 * Route-based decomposition, as large-scale HGS and FILO use it (Santini, Schneider, Vidal and
 * Vigo 2023): the routes of one region of a solution, with their customers and vehicles, make a
 * problem of their own — small enough for many fast iterations — whose better routes replace
 * the region's. Regions are runs of routes in order of the bearing of their centre from their
 * depot, so neighbours on the ground stay together.
 */
export interface Region {
  /** The route slots of the region in the whole solution. */
  slots: number[];
  /** The region as a problem: customer k is customer `customers[k]` of the whole. */
  problem: RoutingProblem;
  customers: number[];
  /** The region's routes as they are, in the sub-problem's slots. */
  routes: number[][];
}

/**
 * A run of neighbouring routes of `routes`, starting from a random one, holding about `size`
 * customers; undefined when the whole solution is that small.
 */
export function regionOf(
  problem: SearchProblem,
  routes: number[][],
  size: number,
  random: Random,
): Region | undefined {
  const ordered = spatialOrder(problem, routes);
  const served = ordered.reduce((sum, slot) => sum + routes[slot].length, 0);
  if (ordered.length < 2 || served <= size) return undefined;
  const start = random.below(ordered.length);
  const slots: number[] = [];
  let count = 0;
  for (let k = 0; k < ordered.length && count < size; k++) {
    const slot = ordered[(start + k) % ordered.length];
    slots.push(slot);
    count += routes[slot].length;
  }
  return subProblem(problem, routes, slots);
}

/** The routes of `slots` as a problem of their own: their customers, vehicles and depots. */
export function subProblem(problem: SearchProblem, routes: number[][], slots: number[]): Region {
  const source = problem.source;
  const types = [...new Set(slots.map((slot) => problem.slotType[slot]))].sort((a, b) => a - b);
  // the sub-problem's slots are the region's, type by type, as SearchProblem lays them out
  const ordered = types.flatMap((t) => slots.filter((slot) => problem.slotType[slot] === t));
  const customers = ordered.flatMap((slot) => routes[slot]);
  const depots = [...new Set(types.map((t) => source.vehicleTypes[t].depot))].sort((a, b) => a - b);
  const locations = [
    ...depots.map((d) => source.depots[d].location),
    ...customers.map((c) => source.customers[c].location),
  ];
  const submatrix = (matrix: number[][]) =>
    locations.map((a) => locations.map((b) => matrix[a][b]));
  let next = 0;
  return {
    slots: ordered,
    customers,
    routes: ordered.map((slot) => routes[slot].map(() => next++)),
    problem: {
      distance: submatrix(source.distance),
      ...(source.duration ? { duration: submatrix(source.duration) } : {}),
      ...(source.coordinates ? { coordinates: locations.map((l) => source.coordinates![l]) } : {}),
      depots: depots.map((d, k) => ({ ...source.depots[d], location: k })),
      vehicleTypes: types.map((t) => ({
        ...source.vehicleTypes[t],
        depot: depots.indexOf(source.vehicleTypes[t].depot),
        count: slots.filter((slot) => problem.slotType[slot] === t).length,
      })),
      customers: customers.map((c, k) => ({
        ...source.customers[c],
        location: depots.length + k,
      })),
    },
  };
}

/**
 * The whole solution's routes with the region's replaced by `solved`: the sub-problem's routes
 * per its slots, which are `region.slots` in order.
 */
export function mergeRegion(routes: number[][], region: Region, solved: number[][]): number[][] {
  const merged = routes.map((route) => [...route]);
  region.slots.forEach((slot, k) => {
    merged[slot] = (solved[k] ?? []).map((c) => region.customers[c]);
  });
  return merged;
}
