import { checkRoutingSolution } from './checker/check-routing-solution';
import type { Customer, RoutingProblem, VehicleType } from './problem/routing-problem';
import { RoutingProblemError } from './problem/routing-problem';
import { solveRouting } from './solve-routing';

/** Locations on a plane; distance = travel time = Euclidean. Location 0 is the first depot. */
function problemOn(
  points: [number, number][],
  parts: Pick<RoutingProblem, 'vehicleTypes' | 'customers'> & Partial<RoutingProblem>,
): RoutingProblem {
  const distance = points.map(([ax, ay]) => points.map(([bx, by]) => Math.hypot(ax - bx, ay - by)));
  return {
    distance,
    depots: [{ location: 0 }],
    coordinates: points.map(([x, y]) => ({ x, y })),
    ...parts,
  };
}

const customer = (
  location: number,
  delivery: number[],
  more: Partial<Customer> = {},
): Customer => ({
  location,
  delivery,
  pickup: delivery.map(() => 0),
  ...more,
});

const truck = (capacity: number[], more: Partial<VehicleType> = {}): VehicleType => ({
  depot: 0,
  count: 5,
  capacity,
  ...more,
});

const quick = { timeLimitMs: 10_000, iterationLimit: 200, seed: 7 };

function solvedAndChecked(problem: RoutingProblem, options = quick) {
  const { solution, statistics } = solveRouting(problem, options);
  const check = checkRoutingSolution(problem, solution);
  expect(check.violations).toEqual([]);
  expect(solution.feasible).toBe(true);
  expect(solution.cost).toBeCloseTo(check.cost, 6);
  return { solution, statistics };
}

describe('solveRouting', () => {
  it('serves four customers at the corners of a square with one round trip when capacity allows', () => {
    // given a depot in the middle and one truck that can carry everything
    const problem = problemOn(
      [
        [0, 0],
        [10, 10],
        [10, -10],
        [-10, -10],
        [-10, 10],
      ],
      {
        vehicleTypes: [truck([40])],
        customers: [1, 2, 3, 4].map((l) => customer(l, [10])),
      },
    );
    // when
    const { solution } = solvedAndChecked(problem);
    // then: depot → corner, around the square, back: 2 × √200 + 3 × 20
    expect(solution.routes).toHaveLength(1);
    expect(solution.distance).toBeCloseTo(2 * Math.hypot(10, 10) + 60, 6);
  });

  it('keeps every cylinder size within its own capacity', () => {
    // given a truck with 4 places for large cylinders and 10 for small ones
    const points: [number, number][] = [
      [0, 0],
      ...Array.from({ length: 6 }, (_, k): [number, number] => [k + 1, 0]),
    ];
    const problem = problemOn(points, {
      vehicleTypes: [truck([4, 10])],
      customers: [1, 2, 3, 4, 5, 6].map((l) => customer(l, [2, 1])),
    });
    // when
    const { solution } = solvedAndChecked(problem);
    // then large cylinders (12 in all) need three trucks although the small ones would fit one
    expect(solution.routes).toHaveLength(3);
  });

  it('never lets the load go over capacity mid-route when empties are collected', () => {
    // given two customers that take 8 full and give back 8 empty each, and a truck of 10
    const problem = problemOn(
      [
        [0, 0],
        [5, 0],
        [5, 1],
      ],
      {
        vehicleTypes: [truck([10])],
        customers: [customer(1, [2], { pickup: [8] }), customer(2, [8], { pickup: [2] })],
      },
    );
    // when
    const { solution } = solvedAndChecked(problem);
    // then one route fits, in one order only: leaving with 10, 4 on board after the second
    // customer, 10 after the first (the other way round would carry 16)
    expect(solution.routes).toHaveLength(1);
    expect(solution.routes[0].customers).toEqual([1, 0]);
  });

  it('arrives within every receiving window, waiting where it must', () => {
    // given three hospitals in a row whose windows force the far one to be served first
    const problem = problemOn(
      [
        [0, 0],
        [10, 0],
        [20, 0],
        [30, 0],
      ],
      {
        depots: [{ location: 0, timeWindow: [0, 200] }],
        vehicleTypes: [truck([100], { count: 1 })],
        customers: [
          customer(1, [1], { timeWindow: [100, 120], serviceTime: 5 }),
          customer(2, [1], { timeWindow: [60, 80], serviceTime: 5 }),
          customer(3, [1], { timeWindow: [30, 50], serviceTime: 5 }),
        ],
      },
    );
    // when
    const { solution } = solvedAndChecked(problem);
    // then
    expect(solution.routes.map((r) => r.customers)).toEqual([[2, 1, 0]]);
  });

  it('splits the work when one route would be longer than a shift', () => {
    // given two far customers on opposite sides and a 150-unit duration limit
    const problem = problemOn(
      [
        [0, 0],
        [50, 0],
        [-50, 0],
      ],
      {
        vehicleTypes: [truck([100], { maxDuration: 150 })],
        customers: [customer(1, [1]), customer(2, [1])],
      },
    );
    // when
    const { solution } = solvedAndChecked(problem);
    // then
    expect(solution.routes).toHaveLength(2);
  });

  it('sends each customer from the nearer depot', () => {
    // given two producers far apart, each with its own truck, and a customer next to each
    const problem = problemOn(
      [
        [0, 0],
        [100, 0],
        [2, 0],
        [98, 0],
      ],
      {
        depots: [{ location: 0 }, { location: 1 }],
        vehicleTypes: [truck([10], { depot: 0, count: 1 }), truck([10], { depot: 1, count: 1 })],
        customers: [customer(2, [5]), customer(3, [5])],
      },
    );
    // when
    const { solution } = solvedAndChecked(problem);
    // then
    expect(solution.distance).toBeCloseTo(8, 6);
    expect(solution.routes.find((r) => r.customers[0] === 0)?.vehicleType).toBe(0);
    expect(solution.routes.find((r) => r.customers[0] === 1)?.vehicleType).toBe(1);
  });

  it('never loads more at a depot than the vehicle may take from its stock', () => {
    // given each producer may hand its truck only 5 full cylinders, though trucks hold 20
    const problem = problemOn(
      [
        [0, 0],
        [100, 0],
        [1, 0],
        [2, 0],
      ],
      {
        depots: [{ location: 0 }, { location: 1 }],
        vehicleTypes: [
          truck([20], { depot: 0, count: 1, maxDelivery: [5] }),
          truck([20], { depot: 1, count: 1, maxDelivery: [5] }),
        ],
        customers: [customer(2, [5]), customer(3, [5])],
      },
    );
    // when
    const { solution } = solvedAndChecked(problem);
    // then the far producer's truck must come for one of them, the near one takes the nearer
    expect(solution.routes).toHaveLength(2);
    expect(solution.routes.find((r) => r.vehicleType === 0)?.customers).toEqual([0]);
  });

  describe("depots' supply", () => {
    // Producer 0 at the origin, producer 1 far east; hospitals just east of producer 0.
    const points: [number, number][] = [
      [0, 0],
      [100, 0],
      [1, 0],
      [2, 0],
      [3, 0],
      [0, 2],
    ];

    it('sends the far producer when the near one has not enough stock for all its trucks', () => {
      // given producer 0 with two big trucks but 6 full cylinders, producer 1 with plenty
      const problem = problemOn(points, {
        depots: [
          { location: 0, supply: [6] },
          { location: 1, supply: [100] },
        ],
        vehicleTypes: [truck([20], { depot: 0, count: 2 }), truck([20], { depot: 1, count: 2 })],
        customers: [customer(2, [3]), customer(3, [3]), customer(4, [3])],
      });
      // when
      const { solution } = solvedAndChecked(problem);
      // then producer 0's trucks load 6 between them, producer 1 serves the farthest hospital
      const loadedBy = (depot: number) =>
        solution.routes
          .filter((r) => problem.vehicleTypes[r.vehicleType].depot === depot)
          .flatMap((r) => r.customers)
          .sort();
      expect(loadedBy(0)).toEqual([0, 1]);
      expect(loadedBy(1)).toEqual([2]);
    });

    it('limits each load dimension on its own, and pickups not at all', () => {
      // given producer 0 has 4 of size A and 1 of size B; each hospital wants 2 A or 1 B and
      // returns 5 empties
      const problem = problemOn(points, {
        depots: [
          { location: 0, supply: [4, 1] },
          { location: 1, supply: [10, 10] },
        ],
        vehicleTypes: [
          truck([20, 20], { depot: 0, count: 1 }),
          truck([20, 20], { depot: 1, count: 1 }),
        ],
        customers: [
          customer(2, [2, 0], { pickup: [5, 0] }),
          customer(3, [0, 1], { pickup: [0, 5] }),
          customer(4, [0, 1], { pickup: [5, 0] }),
          customer(5, [2, 0], { pickup: [0, 5] }),
        ],
      });
      // when
      const { solution } = solvedAndChecked(problem);
      // then one of the two size-B hospitals is served from the far producer
      const far = solution.routes.find((r) => r.vehicleType === 1)?.customers ?? [];
      expect(far.filter((c) => c === 1 || c === 2)).toHaveLength(1);
      expect(far).not.toContain(0);
      expect(far).not.toContain(3);
    });

    it('leaves the cheapest-to-skip hospitals unserved when all producers together run short', () => {
      // given 6 cylinders in the country and three hospitals needing 3 each, one less urgent
      const problem = problemOn(points, {
        depots: [
          { location: 0, supply: [3] },
          { location: 1, supply: [3] },
        ],
        vehicleTypes: [truck([20], { depot: 0, count: 1 }), truck([20], { depot: 1, count: 1 })],
        customers: [
          customer(2, [3], { unservedPenalty: 10_000 }),
          customer(3, [3], { unservedPenalty: 50 }),
          customer(4, [3], { unservedPenalty: 10_000 }),
        ],
      });
      // when
      const { solution } = solvedAndChecked(problem);
      // then
      expect(solution.unserved).toEqual([1]);
    });

    it('says the plan is infeasible when required deliveries exceed every supply', () => {
      const problem = problemOn(points, {
        depots: [{ location: 0, supply: [5] }],
        vehicleTypes: [truck([20], { count: 2 })],
        customers: [customer(2, [3]), customer(3, [3])],
      });
      const { solution } = solveRouting(problem, quick);
      expect(solution.feasible).toBe(false);
      expect(checkRoutingSolution(problem, solution).violations).toEqual([
        "depot 0's vehicles load 6 in load dimension 1, more than its supply of 5",
      ]);
    });
  });

  it('serves the costliest-to-skip customers first when supply cannot cover all', () => {
    // given one truck of 10 and three optional customers needing 5 each, one of them less urgent
    const problem = problemOn(
      [
        [0, 0],
        [1, 0],
        [0, 1],
        [-1, 0],
      ],
      {
        vehicleTypes: [truck([10], { count: 1 })],
        customers: [
          customer(1, [5], { unservedPenalty: 1000 }),
          customer(2, [5], { unservedPenalty: 100 }),
          customer(3, [5], { unservedPenalty: 1000 }),
        ],
      },
    );
    // when
    const { solution } = solvedAndChecked(problem);
    // then
    expect(solution.unserved).toEqual([1]);
    expect(solution.cost).toBeCloseTo(solution.distance + 100, 6);
  });

  it('leaves an optional customer out when serving it costs more than skipping it', () => {
    const problem = problemOn(
      [
        [0, 0],
        [1, 0],
        [500, 0],
      ],
      {
        vehicleTypes: [truck([10])],
        customers: [customer(1, [1]), customer(2, [1], { unservedPenalty: 50 })],
      },
    );
    const { solution } = solvedAndChecked(problem);
    expect(solution.unserved).toEqual([1]);
  });

  it('charges a vehicle fixed cost once per route used', () => {
    const problem = problemOn(
      [
        [0, 0],
        [10, 0],
        [0, 10],
      ],
      {
        vehicleTypes: [truck([10], { fixedCost: 1000 })],
        customers: [customer(1, [5]), customer(2, [5])],
      },
    );
    const { solution } = solvedAndChecked(problem);
    expect(solution.routes).toHaveLength(1);
    expect(solution.cost).toBeCloseTo(1000 + 20 + Math.hypot(10, 10), 6);
  });

  it('gives the same plan for the same seed and iteration limit', () => {
    const points = Array.from({ length: 40 }, (_, k): [number, number] => [
      Math.round(50 * Math.cos(k * 2.4) * (1 + (k % 5))),
      Math.round(50 * Math.sin(k * 1.7) * (1 + (k % 3))),
    ]);
    const problem = problemOn(points, {
      vehicleTypes: [truck([30], { count: 20 })],
      customers: points.slice(1).map((_, k) => customer(k + 1, [1 + (k % 7)])),
    });
    const first = solveRouting(problem, { ...quick, timeLimitMs: Infinity, iterationLimit: 100 });
    const second = solveRouting(problem, { ...quick, timeLimitMs: Infinity, iterationLimit: 100 });
    expect(second.solution).toEqual(first.solution);
    expect(first.statistics.iterations).toBe(100);
  });

  it('stops early once the plan has settled, when asked to', () => {
    const points = Array.from({ length: 12 }, (_, k): [number, number] => [k * 3, (k * 7) % 11]);
    const problem = problemOn(points, {
      vehicleTypes: [truck([10], { count: 6 })],
      customers: points.slice(1).map((_, k) => customer(k + 1, [3])),
    });
    const { statistics } = solveRouting(problem, {
      seed: 1,
      timeLimitMs: 60_000,
      noImprovementLimit: 50,
    });
    const lastImprovement = statistics.improvements[statistics.improvements.length - 1].iteration;
    expect(statistics.iterations).toBe(lastImprovement + 50);
  });

  it('returns the least infeasible plan, marked infeasible, when no plan keeps every rule', () => {
    // given one truck of 5 for two customers needing 5 each, both required
    const problem = problemOn(
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
      {
        vehicleTypes: [truck([5], { count: 1 })],
        customers: [customer(1, [5]), customer(2, [5])],
      },
    );
    const { solution } = solveRouting(problem, quick);
    expect(solution.feasible).toBe(false);
    expect(checkRoutingSolution(problem, solution).feasible).toBe(false);
    expect(solution.unserved).toEqual([]);
  });

  it.each([
    [{ customers: [customer(9, [1])] }, 'customers[0].location'],
    [{ customers: [customer(1, [1, 2])] }, 'customers[0].delivery'],
    [{ depots: [{ location: 0, supply: [1, 2] }] }, 'depots[0].supply'],
    [{ depots: [{ location: 0, supply: [-1] }] }, 'depots[0].supply[0]'],
    [
      {
        depots: [{ location: 0, timeWindow: [0, 10] }],
        vehicleTypes: [truck([5], { shift: [11, 20] })],
      },
      'vehicleTypes[0].shift',
    ],
    [{ vehicleTypes: [truck([5], { depot: 3 })] }, 'vehicleTypes[0].depot'],
    [{ customers: [customer(1, [1], { timeWindow: [10, 5] })] }, 'customers[0].timeWindow'],
    [
      {
        distance: [
          [0, 1],
          [1, -1],
        ],
      },
      'distance[1][1]',
    ],
  ])('refuses a malformed problem, naming the field (%#)', (change, field) => {
    const problem = {
      ...problemOn(
        [
          [0, 0],
          [1, 0],
        ],
        { vehicleTypes: [truck([5])], customers: [customer(1, [1])] },
      ),
      ...change,
    } as RoutingProblem;
    expect(() => solveRouting(problem, quick)).toThrow(RoutingProblemError);
    expect(() => solveRouting(problem, quick)).toThrow(
      new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}:`),
    );
  });
});
