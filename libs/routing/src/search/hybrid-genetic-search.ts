import type { SolveProgress } from '../problem/routing-problem';
import { Individual } from './individual';
import { LocalSearch } from './local-search';
import { POPULATION_DEFAULTS, Population } from './population';
import { Random } from './random';
import { RouteSegment } from './route-segment';
import { type Child, selectiveRouteExchange } from './selective-route-exchange';
import { SearchProblem } from './search-problem';
import { mergeRegion, regionOf } from './decomposition';

export interface SearchLimits {
  timeLimitMs: number;
  /** When the time limit started counting (on `clock`); by default, at construction. */
  startedAt?: number;
  /**
   * Milliseconds now; by default `performance.now()`. A bench may pass the process's CPU time,
   * so that a limit buys the same work however loaded the machine is.
   */
  clock?: () => number;
  iterationLimit: number;
  noImprovementLimit: number;
  seed: number;
  onImprovement?: (progress: SolveProgress) => void;
  /** Searches running side by side, trading their best solutions now and then. */
  sharing?: Sharing;
  /** A solution to start from, educated first; and how many random ones join it. */
  initial?: number[][];
  initialSize?: number;
}

export interface Sharing {
  /** Offspring between two trades. */
  every: number;
  /**
   * Gives this search's best routes (feasible if any) and gets the other searches' best, in a
   * fixed order; waits at most `waitMs` for them.
   */
  trade(routes: number[][] | undefined, waitMs: number): number[][][];
}

export interface SearchOutcome {
  best: Individual;
  feasible: boolean;
  iterations: number;
  elapsedMs: number;
  /** When the first population was complete (on the search's clock). */
  firstPopulationMs: number;
  bestFoundAtMs: number;
  restarts: number;
  improvements: SolveProgress[];
}

/**
 * Above this many customers the search works region by region: a crossover exchanges routes
 * holding about `MOVED_CUSTOMERS` customers, and first solutions are sweeps, not random.
 */
const LARGE = 200;
const MOVED_CUSTOMERS = 100;
/**
 * On a large instance, every `DECOMPOSE_EVERY` offspring one region of the best plan is
 * searched on its own: `REGION_ITERATIONS` offspring from a population of its routes and
 * `REGION_POPULATION` random solutions.
 */
const DECOMPOSE_EVERY = 50;
const REGION_CUSTOMERS = 120;
const REGION_ITERATIONS = 60;
const REGION_POPULATION = 4;
/** Share of local-search results that should be feasible; penalties are steered towards it. */
const TARGET_FEASIBLE = 0.2;
/** Iterations without a better solution before the population is started afresh. */
const ITERATIONS_BEFORE_RESTART = 20_000;
/** Penalties are steered after this many local-search results, from the last 100. */
const PENALTY_UPDATE_EVERY = 50;
const PENALTY_WINDOW = 100;
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
  private educated = 0;
  private best: Individual | undefined;
  private bestInfeasible: Individual | undefined;
  private bestFoundAtMs = 0;
  private iterations = 0;
  private restarts = 0;
  private sinceImprovement = 0;
  /** Offspring since the best feasible plan last improved (restarts do not reset it). */
  private sinceBest = 0;
  private readonly improvements: SolveProgress[] = [];
  private readonly started: number;
  private readonly clock: () => number;
  private firstPopulationMs = 0;

  constructor(
    private readonly problem: SearchProblem,
    private readonly limits: SearchLimits,
  ) {
    this.clock = limits.clock ?? (() => performance.now());
    this.started = limits.startedAt ?? this.clock();
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
    this.initialPopulation();
    this.firstPopulationMs = this.elapsed();
    while (
      this.iterations < this.limits.iterationLimit &&
      this.elapsed() < this.limits.timeLimitMs &&
      !(this.best && this.sinceBest >= this.limits.noImprovementLimit)
    ) {
      this.iterations++;
      this.sinceImprovement++;
      this.sinceBest++;
      const [a, b] = this.population.selectParents();
      const large = this.problem.customerCount > LARGE;
      const children = selectiveRouteExchange(
        this.problem,
        a,
        b,
        this.random,
        large ? MOVED_CUSTOMERS : Infinity,
      );
      const child = this.cheaper(children);
      this.educate(child.routes, large ? child.unchanged : undefined);
      if (this.limits.sharing && this.iterations % this.limits.sharing.every === 0) this.trade();
      if (large && this.iterations % DECOMPOSE_EVERY === 0) this.improveRegion();
      if (this.sinceImprovement > ITERATIONS_BEFORE_RESTART) {
        this.restarts++;
        this.sinceImprovement = 0;
        this.population.clear();
        this.initialPopulation();
      }
    }
    return {
      best: this.best ?? this.bestInfeasible ?? this.population.infeasible[0],
      feasible: this.best !== undefined,
      iterations: this.iterations,
      elapsedMs: this.elapsed(),
      firstPopulationMs: this.firstPopulationMs,
      bestFoundAtMs: this.bestFoundAtMs,
      restarts: this.restarts,
      improvements: this.improvements,
    };
  }

  /**
   * One region of the best plan (about `REGION_CUSTOMERS` customers on neighbouring routes) is
   * searched as a problem of its own, starting from its routes as they are; if that finds
   * better routes, the plan with them joins the population.
   */
  private improveRegion(): void {
    const best = this.best;
    if (!best || this.problem.hasSupply) return;
    const region = regionOf(this.problem, best.routes, REGION_CUSTOMERS, this.random);
    if (!region) return;
    const outcome = new HybridGeneticSearch(new SearchProblem(region.problem), {
      timeLimitMs: Math.max(0, this.limits.timeLimitMs - this.elapsed()),
      clock: this.limits.clock,
      iterationLimit: REGION_ITERATIONS,
      noImprovementLimit: Infinity,
      seed: 1 + this.random.below(0x7fffffff),
      initial: region.routes,
      initialSize: REGION_POPULATION,
    }).run();
    if (!outcome.feasible) return;
    const merged = mergeRegion(best.routes, region, outcome.best.routes);
    const individual = new Individual(this.problem, merged, this.segment);
    if (!individual.feasibleFor(this.problem) || individual.cost >= best.cost - 1e-9) return;
    this.population.add(individual, true);
    this.consider(individual);
  }

  /** The others' best solutions join the population (and may become the best). */
  private trade(): void {
    const mine = this.best ?? this.bestInfeasible;
    const waitMs = Math.max(0, this.limits.timeLimitMs - this.elapsed());
    for (const routes of this.limits.sharing!.trade(mine?.routes, waitMs)) {
      const individual = new Individual(this.problem, routes, this.segment);
      const feasible = individual.feasibleFor(this.problem);
      this.population.add(individual, feasible);
      this.consider(individual);
    }
  }

  /**
   * Local search, then — for an infeasible result, half the time — a repair at higher prices.
   * Until a first feasible plan is known, every infeasible result is repaired, at ten and then
   * a hundred and a thousand times the prices.
   */
  private educate(routes: number[][], unchanged?: Uint8Array): void {
    const improved = this.localSearch.run(
      routes,
      this.penaltyCapacity,
      this.penaltyTime,
      unchanged,
    );
    const individual = new Individual(this.problem, improved, this.segment);
    const feasible = individual.feasibleFor(this.problem);
    this.remember(individual);
    this.population.add(individual, feasible);
    this.consider(individual);
    if (feasible || (this.best && this.random.next() >= 0.5)) return;
    let factor = REPAIR_FACTOR;
    let repaired = improved;
    for (let attempt = 0; attempt < (this.best ? 1 : 3); attempt++, factor *= REPAIR_FACTOR) {
      repaired = this.localSearch.run(
        repaired,
        this.penaltyCapacity * factor,
        this.penaltyTime * factor,
      );
      const again = new Individual(this.problem, repaired, this.segment);
      if (again.feasibleFor(this.problem)) {
        this.population.add(again, true);
        this.consider(again);
        return;
      }
    }
  }

  private consider(individual: Individual): void {
    if (individual.feasibleFor(this.problem)) {
      if (!this.best || individual.cost < this.best.cost - 1e-9) {
        this.best = individual;
        this.bestFoundAtMs = this.elapsed();
        this.sinceImprovement = 0;
        this.sinceBest = 0;
        const progress = {
          cost: individual.cost,
          elapsedMs: this.bestFoundAtMs,
          iteration: this.iterations,
        };
        this.improvements.push(progress);
        this.limits.onImprovement?.(progress);
      }
    } else if (
      !this.best &&
      (!this.bestInfeasible || this.penalised(individual) < this.penalised(this.bestInfeasible))
    ) {
      this.bestInfeasible = individual;
      this.bestFoundAtMs = this.elapsed();
    }
  }

  /**
   * Four times the minimum population from random solutions, as HGS does — but never more than
   * a tenth of the time budget, so a short limit still leaves time to recombine.
   */
  private initialPopulation(): void {
    const wanted = this.limits.initialSize ?? 4 * POPULATION_DEFAULTS.minimumSize;
    if (this.limits.initial) this.educate(this.limits.initial.map((route) => [...route]));
    for (let k = 0; k < wanted; k++) {
      if (k >= 2 && this.elapsed() > this.limits.timeLimitMs * 0.1) break;
      // past the limit, stop as soon as there is a plan to give (a feasible one)
      if (k >= 1 && this.best && this.elapsed() >= this.limits.timeLimitMs) break;
      this.educate(this.randomRoutes());
    }
  }

  /**
   * Customers in random order (on a large instance with one depot and no times, in order of
   * bearing from a random one), poured into routes until each is full, nearest depot first. When
   * time matters, the work is spread over the whole fleet and each route visits its customers in
   * order of their windows, so the search does not start from hours of lateness.
   */
  private randomRoutes(): number[][] {
    const p = this.problem;
    const order = Array.from({ length: p.customerCount }, (_, c) => c);
    this.random.shuffle(order);
    if (p.customerCount > LARGE && !p.timed && p.bearing && p.depots === 1) {
      // a sweep from a random bearing: compact routes, far fewer moves to a local optimum
      const bearing = p.bearing;
      const types = p.typeDepotLocation.length;
      const from = this.random.below(65536);
      const key = (c: number) => (bearing[c * types] - from + 65536) % 65536;
      order.sort((a, b) => key(a) - key(b));
    }
    const routes: number[][] = Array.from({ length: p.slotCount }, () => []);
    const used = new Uint8Array(p.slotCount);
    const load = new Float64Array(p.dimensions);
    const perRoute = p.timed
      ? Math.ceil(p.customerCount / Math.max(1, Math.min(p.slotCount, p.customerCount)))
      : Infinity;
    let slot = -1;
    for (const c of order) {
      if (slot < 0 || routes[slot].length >= perRoute || !this.fits(c, slot, load)) {
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
    if (p.timed) {
      const middle = (c: number) =>
        Number.isFinite(p.earliest[c] + p.latest[c]) ? (p.earliest[c] + p.latest[c]) / 2 : 0;
      for (const route of routes) route.sort((a, b) => middle(a) - middle(b));
    }
    return routes;
  }

  private fits(c: number, slot: number, load: Float64Array): boolean {
    const p = this.problem;
    for (let k = 0; k < p.dimensions; k++) {
      const amount = Math.max(p.delivery[c * p.dimensions + k], p.pickup[c * p.dimensions + k]);
      if (load[k] + amount > p.typeCapacity[p.slotType[slot] * p.dimensions + k]) return false;
      if (load[k] + amount > p.typeMaxDelivery[p.slotType[slot] * p.dimensions + k]) return false;
    }
    return true;
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

  private cheaper([first, second]: [Child, Child]): Child {
    const a = new Individual(this.problem, first.routes, this.segment);
    const b = new Individual(this.problem, second.routes, this.segment);
    return this.penalised(a) <= this.penalised(b) ? first : second;
  }

  private remember(individual: Individual): void {
    this.recentCapacityFeasible.push(individual.capacityFeasible);
    this.recentTimeFeasible.push(individual.timeFeasible);
    if (this.recentCapacityFeasible.length > PENALTY_WINDOW) {
      this.recentCapacityFeasible.shift();
      this.recentTimeFeasible.shift();
    }
    if (++this.educated % PENALTY_UPDATE_EVERY === 0) this.updatePenalties();
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
    return this.clock() - this.started;
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
