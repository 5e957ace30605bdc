import type { RouteSegment } from './route-segment';
import type { SearchProblem } from './search-problem';

const DEPOT = -1;
const UNSERVED = -2;

/**
 * One solution in the population: customers per route slot, its cost split into what is paid
 * (distance, vehicles, unserved customers) and what is penalised (excess load, lateness), and
 * each customer's neighbours in its route, for measuring how far apart two solutions are.
 */
export class Individual {
  readonly distance: number;
  readonly fixedCosts: number;
  readonly unservedPenalties: number;
  /** Load above vehicles' capacity, above what they may load, and above depots' supply. */
  readonly capacityExcess: number;
  readonly lateness: number;
  readonly successor: Int32Array;
  readonly predecessor: Int32Array;
  readonly routeCount: number;
  /** Broken-pairs distance to the other members of its subpopulation. */
  readonly distances = new Map<Individual, number>();
  biasedFitness = 0;

  constructor(
    problem: SearchProblem,
    readonly routes: number[][],
    segment: RouteSegment,
  ) {
    const n = problem.customerCount;
    this.successor = new Int32Array(n).fill(UNSERVED);
    this.predecessor = new Int32Array(n).fill(UNSERVED);
    let distance = 0;
    let fixedCosts = 0;
    let excess = 0;
    let lateness = 0;
    let routeCount = 0;
    const dims = problem.dimensions;
    const depotLoad = problem.hasSupply ? new Float64Array(problem.depotSupply.length) : undefined;
    routes.forEach((route, slot) => {
      if (route.length === 0) return;
      const type = problem.slotType[slot];
      segment.startAtDepot(type);
      route.forEach((c, k) => {
        segment.visit(c);
        this.predecessor[c] = k === 0 ? DEPOT : route[k - 1];
        this.successor[c] = k === route.length - 1 ? DEPOT : route[k + 1];
      });
      segment.returnToDepot(type);
      distance += segment.distance;
      fixedCosts += problem.typeFixedCost[type];
      excess += segment.capacityExcess(type);
      if (depotLoad) {
        const at = problem.typeDepot[type] * dims;
        for (let k = 0; k < dims; k++) depotLoad[at + k] += segment.delivered[k];
      }
      lateness += segment.lateness(type);
      routeCount++;
    });
    let unservedPenalties = 0;
    for (let c = 0; c < n; c++) {
      if (this.successor[c] === UNSERVED) unservedPenalties += problem.unservedPenalty[c];
    }
    this.distance = distance;
    this.fixedCosts = fixedCosts;
    this.unservedPenalties = unservedPenalties;
    this.capacityExcess = excess + (depotLoad ? problem.supplyExcess(depotLoad) : 0);
    this.lateness = lateness;
    this.routeCount = routeCount;
  }

  /** What the plan really costs. */
  get cost(): number {
    return this.distance + this.fixedCosts + this.unservedPenalties;
  }

  get capacityFeasible(): boolean {
    return this.capacityExcess < 1e-9;
  }

  get timeFeasible(): boolean {
    return this.lateness < 1e-9;
  }

  feasibleFor(problem: SearchProblem): boolean {
    if (!this.capacityFeasible || !this.timeFeasible) return false;
    for (let c = 0; c < problem.customerCount; c++) {
      if (problem.required[c] && this.successor[c] === UNSERVED) return false;
    }
    return true;
  }

  penalisedCost(penaltyCapacity: number, penaltyTime: number): number {
    return this.cost + penaltyCapacity * this.capacityExcess + penaltyTime * this.lateness;
  }

  /**
   * Broken-pairs distance (Prins 2004, as in HGS): the share of customers whose neighbours
   * differ between the two solutions, counting a customer served in one and not the other.
   */
  brokenPairsDistance(other: Individual): number {
    const n = this.successor.length;
    let differences = 0;
    for (let c = 0; c < n; c++) {
      const next = this.successor[c];
      if ((next === UNSERVED) !== (other.successor[c] === UNSERVED)) {
        differences++;
        continue;
      }
      if (next === UNSERVED) continue;
      if (next !== other.successor[c] && next !== other.predecessor[c]) differences++;
      if (
        this.predecessor[c] === DEPOT &&
        other.predecessor[c] !== DEPOT &&
        other.successor[c] !== DEPOT
      ) {
        differences++;
      }
    }
    return n === 0 ? 0 : differences / n;
  }

  /** Mean distance to the `count` closest others: how much this one adds to diversity. */
  averageDistanceToClosest(count: number): number {
    const closest: number[] = [];
    for (const d of this.distances.values()) {
      if (closest.length === count && d >= closest[count - 1]) continue;
      let at = closest.length < count ? closest.length : count - 1;
      while (at > 0 && closest[at - 1] > d) {
        closest[at] = closest[at - 1];
        at--;
      }
      closest[at] = d;
    }
    if (closest.length === 0) return 0;
    let sum = 0;
    for (const d of closest) sum += d;
    return sum / closest.length;
  }

  isCloneInPopulation(): boolean {
    for (const d of this.distances.values()) if (d < 1e-9) return true;
    return false;
  }
}
