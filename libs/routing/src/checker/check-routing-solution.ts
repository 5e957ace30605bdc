import type {
  Customer,
  PlannedRoute,
  RoutingProblem,
  VehicleType,
} from '../problem/routing-problem';

export interface RoutingCheck {
  /** True when `violations` is empty. */
  feasible: boolean;
  /** `distance` + fixed costs of the non-empty routes + penalties of the unserved optional customers. */
  cost: number;
  distance: number;
  violations: string[];
}

export interface RoutingCheckOptions {
  /** How violations name a customer; by default `customer <index into problem.customers>`. */
  customerName?: (customer: number) => string;
}

/** Slack for sums of real-valued travel times compared with windows and limits. */
const TOLERANCE = 1e-6;

/**
 * Checks a route plan against its problem with code of its own (nothing shared with the solver):
 * who is served, vehicle counts, the load all along each route, what each depot's vehicles load
 * against its supply, time windows with waiting, and route durations. Routes are numbered from 1 in the violations.
 */
export function checkRoutingSolution(
  problem: RoutingProblem,
  solution: { routes: PlannedRoute[]; unserved?: number[] },
  options: RoutingCheckOptions = {},
): RoutingCheck {
  const name = options.customerName ?? ((customer: number) => `customer ${customer}`);
  const violations: string[] = [];
  const servedOn = problem.customers.map((): number[] => []);
  const routesOfType = problem.vehicleTypes.map(() => 0);
  const loadedAt = problem.depots.map(() => new Map<number, number>());
  let distance = 0;
  let fixedCosts = 0;

  solution.routes.forEach((route, r) => {
    const label = `route ${r + 1}`;
    const visits = route.customers.filter((customer) => {
      if (Number.isInteger(customer) && customer >= 0 && customer < problem.customers.length) {
        return true;
      }
      violations.push(`${label} visits ${customer}, which is no customer`);
      return false;
    });
    visits.forEach((customer) => servedOn[customer].push(r + 1));
    const type = Number.isInteger(route.vehicleType)
      ? problem.vehicleTypes[route.vehicleType]
      : undefined;
    if (!type) {
      violations.push(`${label} uses vehicle type ${route.vehicleType}, which does not exist`);
      return;
    }
    if (visits.length === 0) return;
    routesOfType[route.vehicleType]++;
    for (const customer of visits) {
      problem.customers[customer].delivery.forEach((amount, d) => {
        const loaded = loadedAt[type.depot];
        loaded.set(d, (loaded.get(d) ?? 0) + amount);
      });
    }
    fixedCosts += type.fixedCost ?? 0;
    const depot = problem.depots[type.depot].location;
    const stops = [depot, ...visits.map((customer) => problem.customers[customer].location), depot];
    for (let i = 1; i < stops.length; i++) distance += problem.distance[stops[i - 1]][stops[i]];
    violations.push(
      ...loadViolations(problem, type, visits, label, name),
      ...timeViolations(problem, type, visits, label, name),
    );
  });

  routesOfType.forEach((used, t) => {
    const { count } = problem.vehicleTypes[t];
    if (used > count) {
      violations.push(`vehicle type ${t} drives ${used} routes but has ${count} vehicles`);
    }
  });
  problem.depots.forEach((depot, d) => {
    depot.supply?.forEach((supply, dimension) => {
      const loaded = loadedAt[d].get(dimension) ?? 0;
      if (loaded > supply + TOLERANCE) {
        violations.push(
          `depot ${d}'s vehicles load ${loaded} in load dimension ${dimension + 1}, more than ` +
            `its supply of ${supply}`,
        );
      }
    });
  });
  const listedUnserved = new Set(solution.unserved ?? []);
  for (const customer of listedUnserved) {
    if (!Number.isInteger(customer) || customer < 0 || customer >= problem.customers.length) {
      violations.push(`unserved lists ${customer}, which is no customer`);
    } else if (servedOn[customer].length > 0) {
      violations.push(`${name(customer)} is listed as unserved but is served`);
    }
  }
  let penalties = 0;
  servedOn.forEach((routes, customer) => {
    const penalty = problem.customers[customer].unservedPenalty;
    if (routes.length > 1) {
      violations.push(
        `${name(customer)} is served ${routes.length} times (routes ${routes.join(', ')})`,
      );
    } else if (routes.length === 0 && penalty === undefined) {
      violations.push(`${name(customer)} must be served but is not`);
    } else if (routes.length === 0) {
      penalties += penalty ?? 0;
    }
  });

  return {
    feasible: violations.length === 0,
    cost: distance + fixedCosts + penalties,
    distance,
    violations,
  };
}

/**
 * The vehicle leaves carrying every delivery of the route; at each customer the load drops by the
 * delivery and rises by the pickup. Reports the first point where a dimension is over capacity.
 */
function loadViolations(
  problem: RoutingProblem,
  type: VehicleType,
  visits: number[],
  label: string,
  name: (customer: number) => string,
): string[] {
  const violations: string[] = [];
  const dimensions = type.capacity.length;
  for (const customer of visits) {
    const { delivery, pickup } = problem.customers[customer];
    if (delivery.length !== dimensions || pickup.length !== dimensions) {
      violations.push(
        `${label}: ${name(customer)} has ${delivery.length} delivery and ${pickup.length} ` +
          `pickup amounts, the vehicle ${dimensions} load dimensions`,
      );
    }
  }
  type.capacity.forEach((capacity, d) => {
    let load = 0;
    for (const customer of visits) load += problem.customers[customer].delivery[d] ?? 0;
    const loadable = type.maxDelivery?.[d] ?? Infinity;
    if (load > loadable + TOLERANCE) {
      violations.push(
        `${label} loads ${load} in load dimension ${d + 1} at the depot, more than the ` +
          `${loadable} it may`,
      );
    }
    if (load > capacity + TOLERANCE) {
      violations.push(
        `${label} leaves the depot carrying ${load} in load dimension ${d + 1}, ` +
          `over the capacity ${capacity}`,
      );
      return;
    }
    for (const customer of visits) {
      const { delivery, pickup } = problem.customers[customer];
      load += (pickup[d] ?? 0) - (delivery[d] ?? 0);
      if (load > capacity + TOLERANCE) {
        violations.push(
          `${label} leaves ${name(customer)} carrying ${load} in load dimension ${d + 1}, ` +
            `over the capacity ${capacity}`,
        );
        return;
      }
    }
  });
  return violations;
}

interface Schedule {
  /** When service starts at each visit. */
  starts: number[];
  /** Back at the depot. */
  back: number;
}

/**
 * Time windows (waiting allowed), the depot's opening narrowed by the shift, and the longest
 * route: its duration is the shortest over the departures that keep every window.
 */
function timeViolations(
  problem: RoutingProblem,
  type: VehicleType,
  visits: number[],
  label: string,
  name: (customer: number) => string,
): string[] {
  const travel = problem.duration ?? problem.distance;
  const depot = problem.depots[type.depot];
  const open = Math.max(depot.timeWindow?.[0] ?? -Infinity, type.shift?.[0] ?? -Infinity);
  const close = Math.min(depot.timeWindow?.[1] ?? Infinity, type.shift?.[1] ?? Infinity);
  const customers = visits.map((customer) => problem.customers[customer]);
  const schedule = (departure: number): Schedule => {
    let time = departure;
    let at = depot.location;
    const starts = customers.map((customer) => {
      const start = Math.max(time + travel[at][customer.location], earliest(customer));
      time = start + (customer.serviceTime ?? 0);
      at = customer.location;
      return start;
    });
    return { starts, back: time + travel[at][depot.location] };
  };
  const keepsWindows = ({ starts, back }: Schedule) =>
    back <= close + TOLERANCE &&
    starts.every((start, i) => start <= latest(customers[i]) + TOLERANCE);

  if (open > close) {
    return [`${label}: the vehicle's shift and its depot's opening hours do not overlap`];
  }
  // Leaving as early as possible reaches every stop as early as possible.
  const earliestSchedule = schedule(open);
  const violations: string[] = [];
  earliestSchedule.starts.forEach((start, i) => {
    if (start > latest(customers[i]) + TOLERANCE) {
      violations.push(
        `${label} reaches ${name(visits[i])} too late: service starts at ${round(start)} ` +
          `at the earliest, after the window closes at ${latest(customers[i])}`,
      );
    }
  });
  if (earliestSchedule.back > close + TOLERANCE) {
    violations.push(
      `${label} is back at the depot at ${round(earliestSchedule.back)} at the earliest, ` +
        `after it closes at ${close}`,
    );
  }

  if (type.maxDuration !== undefined) {
    const schedules = departures(customers, travel, depot.location, open, close).map(
      (departure) => ({ departure, ...schedule(departure) }),
    );
    const feasible = schedules.filter(keepsWindows);
    const duration = Math.min(
      ...(feasible.length > 0 ? feasible : schedules).map(
        ({ departure, back }) => back - departure,
      ),
    );
    if (duration > type.maxDuration + TOLERANCE) {
      violations.push(
        `${label} lasts at least ${round(duration)} from leaving the depot to coming back, ` +
          `over the limit of ${type.maxDuration}`,
      );
    }
  }
  return violations;
}

/**
 * Departures among which one gives the shortest route that keeps the windows: the duration only
 * changes slope where the vehicle would reach a customer exactly at its window's opening without
 * waiting, and the feasible departures end where it would reach one exactly at its closing (or
 * the depot at its closing).
 */
function departures(
  customers: Customer[],
  travel: number[][],
  depot: number,
  open: number,
  close: number,
): number[] {
  const candidates = [open];
  let offset = 0;
  let at = depot;
  for (const customer of customers) {
    offset += travel[at][customer.location];
    candidates.push(earliest(customer) - offset, latest(customer) - offset);
    offset += customer.serviceTime ?? 0;
    at = customer.location;
  }
  candidates.push(close - offset - travel[at][depot]);
  const usable = candidates.filter((time) => Number.isFinite(time) && time >= open);
  return usable.length > 0 ? usable : [0];
}

function earliest(customer: Customer): number {
  return customer.timeWindow?.[0] ?? -Infinity;
}

function latest(customer: Customer): number {
  return customer.timeWindow?.[1] ?? Infinity;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
