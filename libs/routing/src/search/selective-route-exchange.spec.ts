import fc from 'fast-check';
import type { RoutingProblem } from '../problem/routing-problem';
import { Individual } from './individual';
import { Random } from './random';
import { RouteSegment } from './route-segment';
import { SearchProblem } from './search-problem';
import { selectiveRouteExchange } from './selective-route-exchange';

/** 60 customers on a circle around one depot, trucks of 6 single-unit deliveries. */
function circle(): SearchProblem {
  const points = [
    { x: 0, y: 0 },
    ...Array.from({ length: 60 }, (_, k) => ({
      x: 50 * Math.cos((2 * Math.PI * k) / 60),
      y: 50 * Math.sin((2 * Math.PI * k) / 60),
    })),
  ];
  const problem: RoutingProblem = {
    distance: points.map((a) => points.map((b) => Math.hypot(a.x - b.x, a.y - b.y))),
    coordinates: points,
    depots: [{ location: 0 }],
    vehicleTypes: [{ depot: 0, count: 20, capacity: [6] }],
    customers: points.slice(1).map((_, k) => ({ location: k + 1, delivery: [1], pickup: [0] })),
  };
  return new SearchProblem(problem);
}

/** Consecutive customers from `offset` round the circle, `size` to a route. */
function parent(problem: SearchProblem, offset: number, size: number): Individual {
  const routes: number[][] = Array.from({ length: problem.slotCount }, () => []);
  for (let k = 0; k < 60; k++) routes[Math.floor(k / size)].push((k + offset) % 60);
  return new Individual(problem, routes, new RouteSegment(problem));
}

describe('selective route exchange', () => {
  const problem = circle();

  it("marks as unchanged exactly the slots holding one of A's routes as it was", () => {
    fc.assert(
      fc.property(fc.nat(59), fc.integer({ min: 1, max: 100_000 }), (offset, seed) => {
        const a = parent(problem, 0, 6);
        const b = parent(problem, offset, 5);
        for (const child of selectiveRouteExchange(problem, a, b, new Random(seed))) {
          child.routes.forEach((route, slot) => {
            const same = route.length > 0 && route.join() === a.routes[slot].join();
            expect(child.unchanged[slot] === 1).toBe(same);
          });
          const visits = child.routes.flat();
          expect(new Set(visits).size).toBe(visits.length);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('exchanges routes of one region only when the moved customers are capped', () => {
    fc.assert(
      fc.property(fc.nat(59), fc.integer({ min: 1, max: 100_000 }), (offset, seed) => {
        const a = parent(problem, 0, 6);
        const b = parent(problem, offset, 6);
        // at most 12 customers: two of A's ten routes of 6
        const [child] = selectiveRouteExchange(problem, a, b, new Random(seed), 12);
        const kept = child.routes.filter((_, slot) => child.unchanged[slot] === 1).length;
        expect(kept).toBeGreaterThanOrEqual(8);
      }),
      { numRuns: 100 },
    );
  });
});
