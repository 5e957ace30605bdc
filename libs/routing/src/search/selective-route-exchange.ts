import type { Individual } from './individual';
import type { Random } from './random';
import type { SearchProblem } from './search-problem';

/**
 * Selective route exchange (Nagata and Kobayashi 2010, as used by PyVRP): take a run of
 * neighbouring routes from parent A, replace them with the run of B's routes that overlaps them
 * most, and resolve the duplicates two ways — drop them from B's routes, or from A's kept
 * routes. Returns both children's routes per slot; customers of A's run that B's run does not
 * serve are left out, and the local search inserts them again. Routes holding about
 * `maxMovedCustomers` customers at most are exchanged: on a large instance a child then differs from A in one region only, and the local
 * search, told which routes are A's untouched (`unchanged`), works on that region.
 */
export function selectiveRouteExchange(
  problem: SearchProblem,
  a: Individual,
  b: Individual,
  random: Random,
  maxMovedCustomers = Infinity,
): [Child, Child] {
  const routesA = spatialOrder(problem, a.routes);
  const routesB = spatialOrder(problem, b.routes);
  if (routesA.length === 0 || routesB.length === 0) {
    const copy = (x: Individual) => ({
      routes: x.routes.map((r) => [...r]),
      unchanged: new Uint8Array(x.routes.length),
    });
    return [copy(a), copy(b)];
  }
  const served = a.routes.reduce((sum, route) => sum + route.length, 0);
  const maxMoved = Math.max(1, Math.floor((maxMovedCustomers * routesA.length) / served));
  const moved = 1 + random.below(Math.min(routesA.length, routesB.length, maxMoved));
  const startA = random.below(routesA.length);
  const selectedA = new Set<number>();
  for (let k = 0; k < moved; k++) selectedA.add(routesA[(startA + k) % routesA.length]);
  const inSelectedA = new Uint8Array(problem.customerCount);
  for (const slot of selectedA) for (const c of a.routes[slot]) inSelectedA[c] = 1;

  let startB = 0;
  let bestOverlap = -1;
  for (let start = 0; start < routesB.length; start++) {
    let overlap = 0;
    let size = 0;
    for (let k = 0; k < moved; k++) {
      for (const c of b.routes[routesB[(start + k) % routesB.length]]) {
        overlap += inSelectedA[c];
        size++;
      }
    }
    const score = 2 * overlap - size;
    if (score > bestOverlap || bestOverlap < 0) {
      bestOverlap = score;
      startB = start;
    }
  }
  const selectedB: number[] = [];
  for (let k = 0; k < moved; k++) selectedB.push(routesB[(startB + k) % routesB.length]);
  const inSelectedB = new Uint8Array(problem.customerCount);
  for (const slot of selectedB) for (const c of b.routes[slot]) inSelectedB[c] = 1;
  const keptByA = new Uint8Array(problem.customerCount);
  a.routes.forEach((route, slot) => {
    if (!selectedA.has(slot)) for (const c of route) keptByA[c] = 1;
  });

  const child = (trimB: boolean): Child => {
    const unchanged = new Uint8Array(a.routes.length);
    const routes = a.routes.map((route, slot) => {
      if (selectedA.has(slot)) return [];
      const kept = trimB ? [...route] : route.filter((c) => !inSelectedB[c]);
      if (kept.length === route.length && kept.length > 0) unchanged[slot] = 1;
      return kept;
    });
    const free = routes.flatMap((route, slot) => (route.length === 0 ? [slot] : []));
    for (const slotB of selectedB) {
      const type = problem.slotType[slotB];
      let at = free.findIndex((slot) => problem.slotType[slot] === type);
      if (at < 0) at = 0;
      const [slot] = free.splice(at, 1);
      routes[slot] = trimB ? b.routes[slotB].filter((c) => !keptByA[c]) : [...b.routes[slotB]];
      unchanged[slot] = 0;
    }
    return { routes, unchanged };
  };
  return [child(true), child(false)];
}

export interface Child {
  /** Customers per route slot. */
  routes: number[][];
  /** 1 for a slot holding one of A's routes exactly as it was. */
  unchanged: Uint8Array;
}

/**
 * Non-empty route slots in an order where neighbours in the list are neighbours on the ground:
 * by the angle of the route's centre around its depot when positions are known, otherwise a
 * nearest-neighbour chain over the routes' first customers.
 */
export function spatialOrder(problem: SearchProblem, routes: number[][]): number[] {
  const slots = routes.flatMap((route, slot) => (route.length > 0 ? [slot] : []));
  const { customerX, customerY, typeDepotX, typeDepotY } = problem;
  if (customerX && customerY && typeDepotX && typeDepotY) {
    const angle = (slot: number) => {
      const type = problem.slotType[slot];
      let x = 0;
      let y = 0;
      for (const c of routes[slot]) {
        x += customerX[c];
        y += customerY[c];
      }
      const size = routes[slot].length;
      return Math.atan2(y / size - typeDepotY[type], x / size - typeDepotX[type]);
    };
    const angles = new Map(slots.map((slot) => [slot, angle(slot)]));
    return slots.sort((p, q) => angles.get(p)! - angles.get(q)!);
  }
  const ordered: number[] = [];
  const left = new Set(slots);
  let current: number | undefined = slots[0];
  while (current !== undefined) {
    ordered.push(current);
    left.delete(current);
    const from = problem.location[routes[current][0]];
    let nearest: number | undefined;
    let nearestDistance = Infinity;
    for (const slot of left) {
      const d = problem.travel(from, problem.location[routes[slot][0]]);
      if (d < nearestDistance) {
        nearestDistance = d;
        nearest = slot;
      }
    }
    current = nearest;
  }
  return ordered;
}
