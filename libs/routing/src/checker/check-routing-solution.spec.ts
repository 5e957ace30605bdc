import type { Customer, Depot, RoutingProblem, VehicleType } from '../problem/routing-problem';
import { checkRoutingSolution } from './check-routing-solution';

/** Depot at 0 and customer i at `at[i]` on a line: distance and travel time are |a − b|. */
function onALine(
  at: number[],
  customers: Partial<Customer>[] = at.map(() => ({})),
  vehicle: Partial<VehicleType> = {},
  depot: Partial<Depot> = {},
): RoutingProblem {
  const positions = [0, ...at];
  return {
    distance: positions.map((a) => positions.map((b) => Math.abs(a - b))),
    depots: [{ location: 0, ...depot }],
    vehicleTypes: [{ depot: 0, count: 5, capacity: [10], ...vehicle }],
    customers: at.map((_, i) => ({
      location: i + 1,
      delivery: [1],
      pickup: [0],
      ...customers[i],
    })),
  };
}

const route = (...customers: number[]) => ({ vehicleType: 0, customers });

describe('checkRoutingSolution', () => {
  it('accepts a plan serving everyone, its cost the distance plus a fixed cost per used vehicle', () => {
    const problem = onALine([3, 5, 10], undefined, { fixedCost: 100 });
    const check = checkRoutingSolution(problem, {
      routes: [route(0, 1), route(), route(2)],
    });
    expect(check).toEqual({ feasible: true, cost: 10 + 20 + 200, distance: 30, violations: [] });
  });

  describe('load', () => {
    // Leaves with 2 + 8 = 10 and comes back with 8 + 2 = 10, but after the first stop carries
    // 10 − 2 + 8 = 16.
    const problem = onALine(
      [1, 2],
      [
        { delivery: [2], pickup: [8] },
        { delivery: [8], pickup: [2] },
      ],
    );

    it('is checked after every stop, not only when leaving and coming back', () => {
      expect(checkRoutingSolution(problem, { routes: [route(0, 1)] }).violations).toEqual([
        'route 1 leaves customer 0 carrying 16 in load dimension 1, over the capacity 10',
      ]);
    });

    it('fits the other way round: deliver the big load first', () => {
      expect(checkRoutingSolution(problem, { routes: [route(1, 0)] }).feasible).toBe(true);
    });

    it('counts every delivery on board when leaving the depot', () => {
      const heavy = onALine([1, 2], [{ delivery: [6] }, { delivery: [5] }]);
      expect(checkRoutingSolution(heavy, { routes: [route(0, 1)] }).violations).toEqual([
        'route 1 leaves the depot carrying 11 in load dimension 1, over the capacity 10',
      ]);
    });

    it('is checked in every dimension', () => {
      const twoSizes = onALine([1], [{ delivery: [1, 5], pickup: [0, 0] }], {
        capacity: [10, 4],
      });
      expect(checkRoutingSolution(twoSizes, { routes: [route(0)] }).violations).toEqual([
        'route 1 leaves the depot carrying 5 in load dimension 2, over the capacity 4',
      ]);
    });
  });

  describe("depots' supply", () => {
    const twoDepots: RoutingProblem = {
      ...onALine([1, 2, 3], [{ delivery: [4], pickup: [9] }, { delivery: [4] }, { delivery: [4] }]),
      depots: [
        { location: 0, supply: [8] },
        { location: 3, supply: [4] },
      ],
      vehicleTypes: [
        { depot: 0, count: 2, capacity: [10] },
        { depot: 1, count: 1, capacity: [10] },
      ],
    };

    it("sums what all of a depot's vehicles load, pickups aside", () => {
      const plan = { routes: [route(0), route(1), { vehicleType: 1, customers: [2] }] };
      expect(checkRoutingSolution(twoDepots, plan).violations).toEqual([]);
    });

    it('reports a depot whose vehicles load more than its supply', () => {
      const plan = { routes: [route(1, 0), route(2)] };
      expect(checkRoutingSolution(twoDepots, plan).violations).toEqual([
        "depot 0's vehicles load 12 in load dimension 1, more than its supply of 8",
      ]);
    });
  });

  describe('time windows', () => {
    it('reports a customer reached after its window closes, leaving when the depot opens', () => {
      const problem = onALine([10], [{ timeWindow: [0, 5] }], {}, { timeWindow: [0, 100] });
      expect(checkRoutingSolution(problem, { routes: [route(0)] }).violations).toEqual([
        'route 1 reaches customer 0 too late: service starts at 10 at the earliest, after the window closes at 5',
      ]);
    });

    it('lets the vehicle wait for a window to open, service time included', () => {
      const problem = onALine(
        [10, 12],
        [{ timeWindow: [50, 60], serviceTime: 15 }, { timeWindow: [0, 67] }],
      );
      expect(checkRoutingSolution(problem, { routes: [route(0, 1)] }).feasible).toBe(true);
      const tooLong = onALine(
        [10, 12],
        [{ timeWindow: [50, 60], serviceTime: 16 }, { timeWindow: [0, 67] }],
      );
      expect(checkRoutingSolution(tooLong, { routes: [route(0, 1)] }).violations).toEqual([
        'route 1 reaches customer 1 too late: service starts at 68 at the earliest, after the window closes at 67',
      ]);
    });

    it('uses the duration matrix for time, the distance matrix for cost', () => {
      const problem = onALine([10], [{ timeWindow: [0, 15] }], {}, { timeWindow: [0, 100] });
      problem.duration = [
        [0, 20],
        [20, 0],
      ];
      const check = checkRoutingSolution(problem, { routes: [route(0)] });
      expect(check.distance).toBe(20);
      expect(check.violations).toEqual([
        'route 1 reaches customer 0 too late: service starts at 20 at the earliest, after the window closes at 15',
      ]);
    });

    it('narrows the depot hours by the shift: leaves no earlier, is back no later', () => {
      const problem = onALine(
        [10],
        [{ timeWindow: [0, 50] }],
        { shift: [45, 100] },
        {
          timeWindow: [0, 1000],
        },
      );
      expect(checkRoutingSolution(problem, { routes: [route(0)] }).violations).toEqual([
        'route 1 reaches customer 0 too late: service starts at 55 at the earliest, after the window closes at 50',
      ]);
      const closing = onALine([10], undefined, { shift: [0, 15] }, { timeWindow: [0, 1000] });
      expect(checkRoutingSolution(closing, { routes: [route(0)] }).violations).toEqual([
        'route 1 is back at the depot at 20 at the earliest, after it closes at 15',
      ]);
    });
  });

  describe('route duration', () => {
    it('leaves later rather than waiting when that keeps the route within its limit', () => {
      // Leaving at 0 means waiting 40 at the customer (back at 60); leaving at 40 takes 20.
      const problem = onALine(
        [10],
        [{ timeWindow: [50, 60] }],
        { maxDuration: 25 },
        {
          timeWindow: [0, 100],
        },
      );
      expect(checkRoutingSolution(problem, { routes: [route(0)] })).toMatchObject({
        feasible: true,
        violations: [],
      });
    });

    it('reports a route that must wait between two windows whatever the departure', () => {
      const problem = onALine(
        [10, 20],
        [{ timeWindow: [10, 20] }, { timeWindow: [80, 90] }],
        { maxDuration: 25 },
        { timeWindow: [0, 100] },
      );
      expect(checkRoutingSolution(problem, { routes: [route(0, 1)] }).violations).toEqual([
        'route 1 lasts at least 90 from leaving the depot to coming back, over the limit of 25',
      ]);
    });

    it('finds the latest departure that still makes the first window', () => {
      // Customer 1 is at the depot. Leaving at 5, the latest for customer 0, is back at 80: 75.
      // Leaving at 0 takes 80.
      const windows: Partial<Customer>[] = [{ timeWindow: [0, 15] }, { timeWindow: [80, 90] }];
      const within = onALine([10, 0], windows, { maxDuration: 75 }, { timeWindow: [0, 100] });
      expect(checkRoutingSolution(within, { routes: [route(0, 1)] }).feasible).toBe(true);
      const over = onALine([10, 0], windows, { maxDuration: 74 }, { timeWindow: [0, 100] });
      expect(checkRoutingSolution(over, { routes: [route(0, 1)] }).violations).toEqual([
        'route 1 lasts at least 75 from leaving the depot to coming back, over the limit of 74',
      ]);
    });

    it('counts travel and service when there are no windows', () => {
      const problem = onALine([10], [{ serviceTime: 6 }], { maxDuration: 25 });
      expect(checkRoutingSolution(problem, { routes: [route(0)] }).violations).toEqual([
        'route 1 lasts at least 26 from leaving the depot to coming back, over the limit of 25',
      ]);
    });
  });

  describe('who is served', () => {
    const problem = onALine([1, 2, 3]);

    it('reports a required customer left out', () => {
      expect(checkRoutingSolution(problem, { routes: [route(0, 2)] }).violations).toEqual([
        'customer 1 must be served but is not',
      ]);
    });

    it('reports a customer served twice', () => {
      expect(
        checkRoutingSolution(problem, { routes: [route(0, 1), route(2, 1)] }).violations,
      ).toEqual(['customer 1 is served 2 times (routes 1, 2)']);
    });

    it('charges the penalty of an optional customer left out', () => {
      const optional = onALine([1, 2], [{}, { unservedPenalty: 50 }]);
      expect(checkRoutingSolution(optional, { routes: [route(0)], unserved: [1] })).toEqual({
        feasible: true,
        cost: 2 + 50,
        distance: 2,
        violations: [],
      });
    });

    it('reports indices that name no customer or vehicle type, in the customer names given', () => {
      const check = checkRoutingSolution(
        problem,
        { routes: [route(0, 7), { vehicleType: 3, customers: [1] }, route(2)], unserved: [2] },
        { customerName: (c) => `hospital #${c + 1}` },
      );
      expect(check.violations).toEqual([
        'route 1 visits 7, which is no customer',
        'route 2 uses vehicle type 3, which does not exist',
        'hospital #3 is listed as unserved but is served',
      ]);
    });
  });

  it('reports a vehicle type driving more routes than it has vehicles', () => {
    const problem = onALine([1, 2, 3], undefined, { count: 2 });
    expect(
      checkRoutingSolution(problem, { routes: [route(0), route(1), route(2)] }).violations,
    ).toEqual(['vehicle type 0 drives 3 routes but has 2 vehicles']);
  });
});
