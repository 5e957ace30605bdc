import fc from 'fast-check';
import { checkRoutingSolution } from '../checker/check-routing-solution';
import type { RoutingProblem } from '../problem/routing-problem';
import { mergeRegion, regionOf } from './decomposition';
import { Random } from './random';
import { SearchProblem } from './search-problem';

/**
 * Two depots, two vehicle types at the first, customers scattered with windows and pickups:
 * a region must carry everything that prices and constrains its routes.
 */
function scattered(seed: number): { problem: RoutingProblem; routes: number[][] } {
  const random = new Random(seed);
  const n = 40;
  const points = Array.from({ length: n + 2 }, () => ({
    x: Math.round(random.next() * 100),
    y: Math.round(random.next() * 100),
  }));
  const distance = points.map((a) => points.map((b) => Math.hypot(a.x - b.x, a.y - b.y)));
  const problem: RoutingProblem = {
    distance,
    duration: distance.map((row) => row.map((d) => d * 2)),
    coordinates: points,
    depots: [{ location: 0 }, { location: 1, timeWindow: [0, 1000] }],
    vehicleTypes: [
      { depot: 0, count: 4, capacity: [30], fixedCost: 10 },
      { depot: 0, count: 3, capacity: [20], maxDuration: 600 },
      { depot: 1, count: 4, capacity: [30] },
    ],
    customers: Array.from({ length: n }, (_, k) => ({
      location: k + 2,
      delivery: [1 + random.below(5)],
      pickup: [random.below(3)],
      serviceTime: 5,
      timeWindow: [random.below(300), 400 + random.below(600)],
    })),
  };
  // routes over the 11 vehicles, customers dealt round-robin after a shuffle
  const order = Array.from({ length: n }, (_, k) => k);
  random.shuffle(order);
  const routes: number[][] = Array.from({ length: 11 }, () => []);
  order.forEach((c, k) => routes[k % 11].push(c));
  return { problem, routes };
}

/** The solver's plan format: a route per non-empty slot, with its vehicle type. */
function plan(search: SearchProblem, routes: number[][]) {
  return {
    routes: routes.flatMap((customers, slot) =>
      customers.length > 0 ? [{ vehicleType: search.slotType[slot], customers }] : [],
    ),
  };
}

/** The scattered problem of a seed and a region of about 12 customers of its routes. */
function regionFor(seed: number) {
  const { problem, routes } = scattered(seed);
  const search = new SearchProblem(problem);
  return { problem, routes, search, region: regionOf(search, routes, 12, new Random(seed))! };
}

const seeds = fc.integer({ min: 1, max: 1_000_000 });

describe('route-based decomposition', () => {
  it('makes a region a problem whose routes cost and break exactly what they do in the whole', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { problem, routes, search, region } = regionFor(seed);
        expect(region.slots.length).toBeGreaterThan(0);
        expect(region.slots.length).toBeLessThan(11);

        const onlyRegion = routes.map((r, slot) => (region.slots.includes(slot) ? r : []));
        const sameInWhole = checkRoutingSolution(problem, plan(search, onlyRegion));
        const inRegion = checkRoutingSolution(
          region.problem,
          plan(new SearchProblem(region.problem), region.routes),
        );
        expect(inRegion.cost).toBeCloseTo(sameInWhole.cost, 9);
        // the region's routes are all the region serves: its other violations are the whole's
        const broken = (violations: string[]) =>
          violations.filter((v) => !v.includes('must be served')).length;
        expect(broken(inRegion.violations)).toBe(broken(sameInWhole.violations));
      }),
      { numRuns: 50 },
    );
  });

  it('merges solved routes back in place of the region, every customer still served once', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { routes, region } = regionFor(seed);
        // unchanged routes merge back to the same solution
        expect(mergeRegion(routes, region, region.routes)).toEqual(routes);
        // the region's customers shuffled into its first route
        const all = region.routes.flat().reverse();
        const solved = region.routes.map((_, k) => (k === 0 ? all : []));
        const merged = mergeRegion(routes, region, solved);
        expect(merged[region.slots[0]]).toEqual(all.map((c) => region.customers[c]));
        region.slots.slice(1).forEach((slot) => expect(merged[slot]).toEqual([]));
        const outside = routes.filter((_, slot) => !region.slots.includes(slot));
        expect(merged.filter((_, slot) => !region.slots.includes(slot))).toEqual(outside);
        expect(merged.flat().sort((a, b) => a - b)).toEqual(routes.flat().sort((a, b) => a - b));
      }),
      { numRuns: 50 },
    );
  });
});
