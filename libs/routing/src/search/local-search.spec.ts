import fc from 'fast-check';
import type { RoutingProblem } from '../problem/routing-problem';
import { LocalSearch, type MoveName } from './local-search';
import { Random } from './random';
import { SearchProblem } from './search-problem';

/**
 * Each move of the local search, as PyVRP tests its operators: on random problems and random
 * routes, the change of penalised cost the move prices must equal the cost of the routes after
 * the move minus the cost before, both recomputed from scratch by the plain code below (which
 * shares nothing with the search's constant-time pricing).
 */

interface Case {
  problem: RoutingProblem;
  routes: number[][];
  penaltyCapacity: number;
  penaltyTime: number;
}

const amounts = (dims: number, max: number) =>
  fc.array(fc.integer({ min: 0, max }), { minLength: dims, maxLength: dims });

const window = fc.option(
  fc
    .tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 120 }))
    .map(([start, width]): [number, number] => [start, start + width]),
  { freq: 2 },
);

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    dims: fc.integer({ min: 1, max: 2 }),
    customers: fc.integer({ min: 3, max: 12 }),
    depots: fc.integer({ min: 1, max: 2 }),
    timed: fc.boolean(),
    /** Without pickups or times, a route's cost is its distance and load (`priceByLoad`). */
    pickups: fc.boolean(),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .chain(({ dims, customers, depots, timed, pickups, seed }) =>
    fc.record({
      points: fc.array(
        fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
        { minLength: depots + customers, maxLength: depots + customers },
      ),
      /** Roads are not symmetric: a route reversed costs something else. */
      detour: fc.array(fc.integer({ min: 0, max: 9 }), {
        minLength: (depots + customers) ** 2,
        maxLength: (depots + customers) ** 2,
      }),
      supply: fc.array(fc.option(amounts(dims, 20), { freq: 2 }), {
        minLength: depots,
        maxLength: depots,
      }),
      depotWindow: timed ? window : fc.constant(null),
      types: fc.array(
        fc.record({
          depot: fc.integer({ min: 0, max: depots - 1 }),
          count: fc.integer({ min: 1, max: 3 }),
          capacity: amounts(dims, 15),
          maxDelivery: fc.option(amounts(dims, 15), { freq: 3 }),
          maxDuration: timed ? fc.option(fc.integer({ min: 50, max: 400 })) : fc.constant(null),
          fixedCost: fc.option(fc.integer({ min: 0, max: 50 })),
          shift: timed ? window : fc.constant(null),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      visits: fc.array(
        fc.record({
          delivery: amounts(dims, 6),
          pickup: pickups ? amounts(dims, 6) : fc.constant(new Array<number>(dims).fill(0)),
          serviceTime: timed ? fc.integer({ min: 0, max: 10 }) : fc.constant(0),
          timeWindow: timed ? window : fc.constant(null),
          unservedPenalty: fc.option(fc.integer({ min: 0, max: 300 })),
        }),
        { minLength: customers, maxLength: customers },
      ),
      penaltyCapacity: fc.double({ min: 0.5, max: 20, noNaN: true }),
      penaltyTime: fc.double({ min: 0.5, max: 20, noNaN: true }),
      seed: fc.constant(seed),
    }),
  )
  .map((drawn) => {
    const size = drawn.points.length;
    const depots = drawn.supply.length;
    const distance = drawn.points.map(([ax, ay], a) =>
      drawn.points.map(([bx, by], b) =>
        a === b ? 0 : Math.round(Math.hypot(ax - bx, ay - by)) + drawn.detour[a * size + b],
      ),
    );
    const problem: RoutingProblem = {
      distance,
      duration: distance.map((row) => row.map((d) => d * 1.5)),
      depots: drawn.supply.map((supply, d) => ({
        location: d,
        ...(supply ? { supply } : {}),
        ...(drawn.depotWindow ? { timeWindow: drawn.depotWindow } : {}),
      })),
      vehicleTypes: drawn.types.map((type) => ({
        depot: type.depot,
        count: type.count,
        capacity: type.capacity,
        ...(type.maxDelivery ? { maxDelivery: type.maxDelivery } : {}),
        ...(type.maxDuration !== null ? { maxDuration: type.maxDuration } : {}),
        ...(type.fixedCost !== null ? { fixedCost: type.fixedCost } : {}),
        // a shift outside the depot's opening is refused by validation
        ...(type.shift && !drawn.depotWindow ? { shift: type.shift } : {}),
      })),
      customers: drawn.visits.map((visit, c) => ({
        location: depots + c,
        delivery: visit.delivery,
        pickup: visit.pickup,
        serviceTime: visit.serviceTime,
        ...(visit.timeWindow ? { timeWindow: visit.timeWindow } : {}),
        ...(visit.unservedPenalty !== null ? { unservedPenalty: visit.unservedPenalty } : {}),
      })),
    };
    // random routes over one to three of the vehicles (long enough for moves within a route);
    // an optional customer is left out a third of the time
    const random = new Random(drawn.seed);
    const slots = slotTypes(problem).length;
    const routes: number[][] = Array.from({ length: slots }, () => []);
    const used = Array.from({ length: slots }, (_, slot) => slot);
    random.shuffle(used);
    used.length = 1 + random.below(Math.min(3, slots));
    problem.customers.forEach((customer, c) => {
      if (customer.unservedPenalty !== undefined && random.next() < 1 / 3) return;
      routes[used[random.below(used.length)]].push(c);
    });
    for (const route of routes) random.shuffle(route);
    return {
      problem,
      routes,
      penaltyCapacity: drawn.penaltyCapacity,
      penaltyTime: drawn.penaltyTime,
    };
  });

/** One route slot per vehicle, type by type (at most one per customer): the search's layout. */
function slotTypes(problem: RoutingProblem): number[] {
  return problem.vehicleTypes.flatMap((type, t) =>
    Array.from({ length: Math.min(type.count, Math.max(problem.customers.length, 1)) }, () => t),
  );
}

// ── the oracle: penalised cost recomputed from scratch ──────────────────────────────────────

function penalisedCost(c: Case, routes: number[][]): number {
  const { problem } = c;
  const types = slotTypes(problem);
  const dims = problem.vehicleTypes[0].capacity.length;
  const loadedAt = problem.depots.map(() => new Array<number>(dims).fill(0));
  let cost = 0;
  routes.forEach((route, slot) => {
    if (route.length === 0) return;
    const type = problem.vehicleTypes[types[slot]];
    const depot = problem.depots[type.depot].location;
    const stops = [depot, ...route.map((k) => problem.customers[k].location), depot];
    for (let i = 1; i < stops.length; i++) cost += problem.distance[stops[i - 1]][stops[i]];
    cost += type.fixedCost ?? 0;
    let excess = 0;
    for (let k = 0; k < dims; k++) {
      let load = 0;
      for (const customer of route) load += problem.customers[customer].delivery[k];
      loadedAt[type.depot][k] += load;
      excess += Math.max(0, load - (type.maxDelivery?.[k] ?? Infinity));
      let peak = load;
      for (const customer of route) {
        load += problem.customers[customer].pickup[k] - problem.customers[customer].delivery[k];
        peak = Math.max(peak, load);
      }
      excess += Math.max(0, peak - type.capacity[k]);
    }
    cost += c.penaltyCapacity * excess + c.penaltyTime * lateness(problem, types[slot], route);
  });
  problem.depots.forEach((depot, d) => {
    for (let k = 0; k < dims; k++) {
      cost += c.penaltyCapacity * Math.max(0, loadedAt[d][k] - (depot.supply?.[k] ?? Infinity));
    }
  });
  const served = new Set(routes.flat());
  problem.customers.forEach((customer, k) => {
    if (!served.has(k)) cost += customer.unservedPenalty ?? NaN;
  });
  return cost;
}

/**
 * Time warp (lateness undone by going back in time, Vidal et al. 2013) plus duration beyond the
 * limit, for the best departure: the least warp, then the least duration (travel, service,
 * waiting). Both are piecewise linear in the departure, bending only where the vehicle would
 * reach some stop exactly at its opening or its closing, so trying those departures suffices.
 */
function lateness(problem: RoutingProblem, t: number, route: number[]): number {
  const type = problem.vehicleTypes[t];
  const depot = problem.depots[type.depot];
  const travel = problem.duration!;
  const open = Math.max(depot.timeWindow?.[0] ?? -Infinity, type.shift?.[0] ?? -Infinity);
  const close = Math.min(depot.timeWindow?.[1] ?? Infinity, type.shift?.[1] ?? Infinity);
  const stops = route.map((k) => problem.customers[k]);
  const candidates = [open, close];
  let offset = 0;
  let at = depot.location;
  for (const stop of stops) {
    offset += travel[at][stop.location];
    candidates.push((stop.timeWindow?.[0] ?? NaN) - offset, (stop.timeWindow?.[1] ?? NaN) - offset);
    offset += stop.serviceTime ?? 0;
    at = stop.location;
  }
  candidates.push(close - offset - travel[at][depot.location]);
  const departures = candidates
    .filter(Number.isFinite)
    .map((time) => Math.min(Math.max(time, open), close));
  let best = { warp: Infinity, duration: Infinity };
  for (const departure of departures.length > 0 ? departures : [0]) {
    let time = departure;
    let warp = 0;
    let duration = 0;
    let from = depot.location;
    const arrive = (to: number, earliest: number, latest: number, service: number) => {
      const drive = travel[from][to];
      time += drive;
      duration += drive;
      if (time < earliest) {
        duration += earliest - time;
        time = earliest;
      }
      if (time > latest) {
        warp += time - latest;
        time = latest;
      }
      time += service;
      duration += service;
      from = to;
    };
    for (const stop of stops) {
      const [earliest, latest] = stop.timeWindow ?? [-Infinity, Infinity];
      arrive(stop.location, earliest, latest, stop.serviceTime ?? 0);
    }
    arrive(depot.location, open, close, 0);
    if (warp < best.warp - 1e-9 || (warp < best.warp + 1e-9 && duration < best.duration)) {
      best = { warp, duration };
    }
  }
  return best.warp + Math.max(0, best.duration - (type.maxDuration ?? Infinity));
}

// ── the properties ──────────────────────────────────────────────────────────────────────────

/** Customer pairs, or route pairs for SWAP*; `b` past the customers names a route's start. */
const MOVES: MoveName[] = [
  'relocate',
  'relocatePair',
  'relocatePairReversed',
  'swap',
  'swapPairWithOne',
  'swapPairs',
  'twoOpt',
  'twoOptStar',
];

function searchFor(c: Case): LocalSearch {
  const search = new LocalSearch(new SearchProblem(c.problem), new Random(1));
  search.prepare(c.routes, c.penaltyCapacity, c.penaltyTime);
  return search;
}

function expectPricedExactly(c: Case, search: LocalSearch, change: number | undefined): boolean {
  if (change === undefined) {
    expect(search.routesNow()).toEqual(c.routes);
    return false;
  }
  const after = search.routesNow();
  const visits = after.flat().sort((a, b) => a - b);
  expect(new Set(visits).size).toBe(visits.length);
  const expected = penalisedCost(c, after) - penalisedCost(c, c.routes);
  expect(Math.abs(change - expected)).toBeLessThan(1e-6 * Math.max(1, Math.abs(expected)));
  return true;
}

describe('local search moves: priced change = full recomputation', () => {
  const runs = { numRuns: 60 };

  it.each(MOVES)('%s, for every pair of customers and after every route start', (move) => {
    let applied = 0;
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const search = searchFor(c);
        const n = c.problem.customers.length;
        const targets = [
          ...Array.from({ length: n }, (_, v) => v),
          ...c.routes.map((_, r) => search.routeStart(r)),
        ];
        for (let u = 0; u < n; u++) {
          for (const v of targets) {
            search.prepare(c.routes, c.penaltyCapacity, c.penaltyTime);
            if (expectPricedExactly(c, search, search.force(move, u, v))) applied++;
          }
        }
      }),
      runs,
    );
    // the property was not checked vacuously
    expect(applied).toBeGreaterThan(runs.numRuns);
  });

  it('SWAP*, for every pair of routes', () => {
    let applied = 0;
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const search = searchFor(c);
        c.routes.forEach((_, a) =>
          c.routes.forEach((_, b) => {
            search.prepare(c.routes, c.penaltyCapacity, c.penaltyTime);
            if (expectPricedExactly(c, search, search.force('swapStar', a, b))) applied++;
          }),
        );
      }),
      runs,
    );
    expect(applied).toBeGreaterThan(runs.numRuns);
  });

  it.each(['insert', 'remove'] as const)('%s of every optional customer', (move) => {
    let applied = 0;
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const search = searchFor(c);
        c.problem.customers.forEach((_, u) => {
          search.prepare(c.routes, c.penaltyCapacity, c.penaltyTime);
          if (expectPricedExactly(c, search, search.force(move, u))) applied++;
        });
      }),
      runs,
    );
    expect(applied).toBeGreaterThan(runs.numRuns / 2);
  });
});
