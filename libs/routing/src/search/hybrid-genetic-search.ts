import type { SolveProgress } from '../problem/routing-problem';
import { Individual } from './individual';
import { LocalSearch } from './local-search';
import { POPULATION_DEFAULTS, Population } from './population';
import { Random } from './random';
import { RouteSegment } from './route-segment';
import { selectiveRouteExchange } from './selective-route-exchange';
import type { SearchProblem } from './search-problem';

export interface SearchLimits {
  timeLimitMs: number;
  iterationLimit: number;
  seed: number;
  onImprovement?: (progress: SolveProgress) => void;
}

export interface SearchOutcome {
  best: Individual;
  feasible: boolean;
  iterations: number;
  elapsedMs: number;
  bestFoundAtMs: number;
  restarts: number;
  improvements: SolveProgress[];
}

/** Share of local-search results that should be feasible; penalties are steered towards it. */
const TARGET_FEASIBLE = 0.2;
/** Iterations without a better solution before the population is started afresh. */
const ITERATIONS_BEFORE_RESTART = 20_000;
const PENALTY_UPDATE_EVERY = 100;
const MIN_PENALTY = 0.1;
const MAX_PENALTY = 100_000;
/** The repair pass prices infeasibility this many times higher. */
const REPAIR_FACTOR = 10;

/**
 * Hybrid genetic search (Vidal et al. 2012; Vidal 2022 for HGS-CVRP): a population of solutions
 * improved by local search, recombined by selective route exchange, kept diverse by biased
 * fitness, and allowed into infeasible space at adaptive penalties.
 */
export class HybridGeneticSearch {
  private readonly random: Random;
  private readonly localSearch: LocalSearch;
  private readonly segment: RouteSegment;
  private readonly population: Population;
  private penaltyCapacity: number;
  private penaltyTime: number;
  private readonly recentCapacityFeasible: boolean[] = [];
  private readonly recentTimeFeasible: boolean[] = [];
  private readonly started = performance.now();

  constructor(
    private readonly problem: SearchProblem,
    private readonly limits: SearchLimits,
  ) {
    this.random = new Random(limits.seed);
    this.localSearch = new LocalSearch(problem, this.random);
    this.segment = new RouteSegment(problem);
    this.population = new Population(POPULATION_DEFAULTS, this.random, (individual) =>
      individual.penalisedCost(this.penaltyCapacity, this.penaltyTime),
    );
    this.penaltyCapacity = initialCapacityPenalty(problem);
    this.penaltyTime = initialTimePenalty(problem);
  }

  run(): SearchOutcome {
    const improvements: SolveProgress[] = [];
    let best: Individual | undefined;
    let bestInfeasible: Individual | undefined;
    let bestFoundAtMs = 0;
    let iterations = 0;
    let restarts = 0;
    let sinceImprovement = 0;

    const consider = (individual: Individual) => {
      if (individual.feasibleFor(this.problem)) {
        if (!best || individual.cost < best.cost - 1e-9) {
          best = individual;
          bestFoundAtMs = this.elapsed();
          sinceImprovement = 0;
          const progress = {
            cost: individual.cost,
            elapsedMs: bestFoundAtMs,
            iteration: iterations,
          };
          improvements.push(progress);
          this.limits.onImprovement?.(progress);
        }
      } else if (
        !best &&
        (!bestInfeasible || this.penalised(individual) < this.penalised(bestInfeasible))
      ) {
        bestInfeasible = individual;
        bestFoundAtMs = this.elapsed();
      }
    };

    this.initialPopulation(consider);
    while (iterations < this.limits.iterationLimit && this.elapsed() < this.limits.timeLimitMs) {
      iterations++;
      sinceImprovement++;
      const [a, b] = this.population.selectParents();
      const children = selectiveRouteExchange(this.problem, a, b, this.random);
      const child = this.cheaper(children);
      this.educate(child, consider);
      if (iterations % PENALTY_UPDATE_EVERY === 0) this.updatePenalties();
      if (sinceImprovement > ITERATIONS_BEFORE_RESTART) {
        restarts++;
        sinceImprovement = 0;
        this.population.clear();
        this.initialPopulation(consider);
      }
    }
    const found = best ?? bestInfeasible ?? this.population.infeasible[0];
    return {
      best: found,
      feasible: best !== undefined,
      iterations,
      elapsedMs: this.elapsed(),
      bestFoundAtMs,
      restarts,
      improvements,
    };
  }

  /** Local search, then — for an infeasible result, half the time — a repair at higher prices. */
  private educate(routes: number[][], consider: (individual: Individual) => void): void {
    const improved = this.localSearch.run(routes, this.penaltyCapacity, this.penaltyTime);
    const individual = new Individual(this.problem, improved, this.segment);
    const feasible = individual.feasibleFor(this.problem);
    this.remember(individual);
    this.population.add(individual, feasible);
    consider(individual);
    if (!feasible && this.random.next() < 0.5) {
      const repaired = this.localSearch.run(
        improved,
        this.penaltyCapacity * REPAIR_FACTOR,
        this.penaltyTime * REPAIR_FACTOR,
      );
      const again = new Individual(this.problem, repaired, this.segment);
      if (again.feasibleFor(this.problem)) {
        this.population.add(again, true);
        consider(again);
      }
    }
  }

  /**
   * Four times the minimum population from random solutions, as HGS does — but never more than
   * a fifth of the time budget, so a short limit still leaves time to recombine.
   */
  private initialPopulation(consider: (individual: Individual) => void): void {
    const wanted = 4 * POPULATION_DEFAULTS.minimumSize;
    for (let k = 0; k < wanted; k++) {
      if (k >= 2 && this.elapsed() > this.limits.timeLimitMs * 0.2) break;
      this.educate(this.randomRoutes(), consider);
    }
  }

  /** Customers in random order, poured into routes until each is full, nearest depot first. */
  private randomRoutes(): number[][] {
    const p = this.problem;
    const order = Array.from({ length: p.customerCount }, (_, c) => c);
    this.random.shuffle(order);
    const routes: number[][] = Array.from({ length: p.slotCount }, () => []);
    const used = new Uint8Array(p.slotCount);
    const load = new Float64Array(p.dimensions);
    let slot = -1;
    for (const c of order) {
      const fits =
        slot >= 0 &&
        Array.from(load).every((value, k) => {
          const amount = Math.max(p.delivery[c * p.dimensions + k], p.pickup[c * p.dimensions + k]);
          return value + amount <= p.typeCapacity[p.slotType[slot] * p.dimensions + k];
        });
      if (!fits) {
        const next = this.nearestFreeSlot(c, used);
        if (next >= 0) {
          slot = next;
          used[slot] = 1;
          load.fill(0);
        }
      }
      if (slot < 0) continue;
      routes[slot].push(c);
      for (let k = 0; k < p.dimensions; k++) {
        load[k] += Math.max(p.delivery[c * p.dimensions + k], p.pickup[c * p.dimensions + k]);
      }
    }
    return routes;
  }

  private nearestFreeSlot(c: number, used: Uint8Array): number {
    const p = this.problem;
    let best = -1;
    let bestDistance = Infinity;
    p.slotsOfType.forEach((slots, type) => {
      const free = slots.find((slot) => !used[slot]);
      if (free === undefined) return;
      const d = p.travel(p.typeDepotLocation[type], p.location[c]);
      if (d < bestDistance) {
        bestDistance = d;
        best = free;
      }
    });
    return best;
  }

  private cheaper([first, second]: [number[][], number[][]]): number[][] {
    const a = new Individual(this.problem, first, this.segment);
    const b = new Individual(this.problem, second, this.segment);
    return this.penalised(a) <= this.penalised(b) ? first : second;
  }

  private remember(individual: Individual): void {
    this.recentCapacityFeasible.push(individual.capacityFeasible);
    this.recentTimeFeasible.push(individual.timeFeasible);
    if (this.recentCapacityFeasible.length > PENALTY_UPDATE_EVERY) {
      this.recentCapacityFeasible.shift();
      this.recentTimeFeasible.shift();
    }
  }

  private updatePenalties(): void {
    this.penaltyCapacity = adjusted(this.penaltyCapacity, this.recentCapacityFeasible);
    if (this.problem.timed) this.penaltyTime = adjusted(this.penaltyTime, this.recentTimeFeasible);
    this.population.repriced((individual) => this.penalised(individual));
  }

  private penalised(individual: Individual): number {
    return individual.penalisedCost(this.penaltyCapacity, this.penaltyTime);
  }

  private elapsed(): number {
    return performance.now() - this.started;
  }
}

function adjusted(penalty: number, recent: boolean[]): number {
  const feasible = recent.filter(Boolean).length / Math.max(recent.length, 1);
  if (feasible < TARGET_FEASIBLE - 0.05) return Math.min(penalty * 1.2, MAX_PENALTY);
  if (feasible > TARGET_FEASIBLE + 0.05) return Math.max(penalty * 0.85, MIN_PENALTY);
  return penalty;
}

/**
 * HGS's starting price of one unit of excess load is the longest edge over the largest demand.
 * Skipping an optional customer must never look cheaper than overloading a truck, so the
 * largest unserved penalty counts as an edge here.
 */
function initialCapacityPenalty(problem: SearchProblem): number {
  const longest = Math.max(largestFinite(problem.distance), largestFinite(problem.unservedPenalty));
  let largest = 0;
  for (let k = 0; k < problem.delivery.length; k++) {
    largest = Math.max(largest, problem.delivery[k], problem.pickup[k]);
  }
  if (largest === 0) return 1;
  return Math.min(Math.max(longest / largest, MIN_PENALTY), MAX_PENALTY);
}

/** One unit of lateness starts at the price of one unit of distance — or, likewise, more. */
function initialTimePenalty(problem: SearchProblem): number {
  const longestTravel = largestFinite(problem.duration);
  if (longestTravel === 0) return 1;
  return Math.min(Math.max(1, largestFinite(problem.unservedPenalty) / longestTravel), MAX_PENALTY);
}

function largestFinite(values: Float64Array): number {
  let largest = 0;
  for (const value of values) if (value > largest && Number.isFinite(value)) largest = value;
  return largest;
}
