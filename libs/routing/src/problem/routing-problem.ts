/**
 * The refill routing problem, as the solver sees it: vehicles leave their depot (a producer),
 * deliver full cylinders and collect empties at the same visit, and come back. Everything is
 * given as numbers and indices — no I/O, no units beyond consistency: distances and durations
 * in whatever unit the caller uses, as long as time windows, service times and shift lengths
 * use the same unit as the duration matrix.
 */
export interface RoutingProblem {
  /** Travel cost between locations; `distance[a][b]` is from `a` to `b`. */
  distance: number[][];
  /** Travel time between locations; the distance matrix when absent. */
  duration?: number[][];
  depots: Depot[];
  vehicleTypes: VehicleType[];
  customers: Customer[];
  /**
   * Positions of the locations (any planar projection), when known. They only guide the search
   * (which routes lie next to each other); costs always come from the matrices.
   */
  coordinates?: { x: number; y: number }[];
}

/** `[earliest, latest]`, in the duration matrix's unit. */
export type TimeWindow = readonly [earliest: number, latest: number];

export interface Depot {
  /** Row of the matrices. */
  location: number;
  /** Vehicles leave no earlier than the first and are back no later than the second. */
  timeWindow?: TimeWindow;
  /**
   * The most all vehicles of this depot may load here in total, per load dimension (e.g. a
   * producer's full stock per cylinder size). With it, the solver chooses which depot serves
   * which customer. Pickups are not limited by it.
   */
  supply?: number[];
}

export interface VehicleType {
  /** Index into `depots`: where these vehicles start and end. */
  depot: number;
  /** How many vehicles of this type exist; a route plan uses at most this many. */
  count: number;
  /** One entry per load dimension (e.g. per cylinder size); the same length everywhere. */
  capacity: number[];
  /**
   * Most a vehicle of this type may load at its depot per dimension, when less than its
   * capacity: e.g. its share of the producer's full stock. Pickups are not limited by it.
   */
  maxDelivery?: number[];
  /** Longest route, from leaving the depot to coming back, in the duration unit. */
  maxDuration?: number;
  /** Cost of using one vehicle of this type, added once per non-empty route. */
  fixedCost?: number;
  /** Working hours; narrows the depot's time window for these vehicles. */
  shift?: TimeWindow;
}

export interface Customer {
  /** Row of the matrices. */
  location: number;
  /** Brought to the customer (full cylinders), per load dimension. */
  delivery: number[];
  /** Taken away at the same visit (empties), per load dimension. */
  pickup: number[];
  serviceTime?: number;
  /** Service must start within it; arriving early means waiting. */
  timeWindow?: TimeWindow;
  /**
   * When set, the customer may be left unserved at this cost (so a plan that cannot serve every
   * need serves the costliest-to-skip first). When absent, the customer must be served.
   */
  unservedPenalty?: number;
}

/** A route: the vehicle type it uses and the customers it visits, in order (indices into `customers`). */
export interface PlannedRoute {
  vehicleType: number;
  customers: number[];
}

export interface RoutingSolution {
  routes: PlannedRoute[];
  /** Optional customers left out. */
  unserved: number[];
  /** Total distance of the routes. */
  distance: number;
  /** Distance + fixed costs of the vehicles used + penalties of the unserved customers. */
  cost: number;
  /** True when every route keeps every constraint (capacity, depots' supply, time windows, duration). */
  feasible: boolean;
}

export interface SolveOptions {
  /** Wall-clock budget; the search stops at whichever limit comes first. Default 5 s. */
  timeLimitMs?: number;
  /** Number of offspring generated before stopping. */
  iterationLimit?: number;
  /**
   * Stop once this many offspring in a row brought no better feasible plan (a plan that has
   * settled), instead of searching to the time limit.
   */
  noImprovementLimit?: number;
  /** Same problem, same seed, same iteration limit → same solution. Default 1. */
  seed?: number;
  /** Called whenever a better feasible solution is found. */
  onImprovement?: (progress: SolveProgress) => void;
}

export interface SolveProgress {
  cost: number;
  elapsedMs: number;
  iteration: number;
}

export interface SolveStatistics {
  iterations: number;
  elapsedMs: number;
  /** When the returned solution was found. */
  bestFoundAtMs: number;
  restarts: number;
  /** Every improvement of the best feasible cost over time. */
  improvements: SolveProgress[];
  /** Solving threads (`solveRoutingInWorkers`); `iterations` is then their sum. */
  threads?: number;
}

export interface SolveResult {
  solution: RoutingSolution;
  statistics: SolveStatistics;
}

export class RoutingProblemError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'RoutingProblemError';
  }
}
