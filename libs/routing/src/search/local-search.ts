import type { Random } from './random';
import { RouteSegment } from './route-segment';
import { SegmentTable } from './segment-table';
import type { SearchProblem } from './search-problem';

export type MoveName =
  | 'relocate'
  | 'relocatePair'
  | 'relocatePairReversed'
  | 'swap'
  | 'swapPairWithOne'
  | 'swapPairs'
  | 'twoOpt'
  | 'twoOptStar'
  | 'swapStar'
  | 'insert'
  | 'remove';

/** Smallest cost change that counts as an improvement (guards against rounding loops). */
const IMPROVEMENT = 1e-7;

/**
 * Granular local search in the manner of HGS-CVRP (Vidal 2022): for each customer U and each of
 * its near customers V, try relocating U (alone or with its successor X, possibly reversed) after
 * V, swapping U (or U X) with V (or V Y), 2-opt within a route and 2-opt* between routes; apply
 * the first move that lowers the penalised cost, until none does. Routes are doubly linked
 * lists; every node keeps its prefix (depot → node) and suffix (node → last customer) as a
 * `RouteSegment`, so pricing a move between two routes joins a few segments in constant time.
 *
 * Node ids: customers are 0..n−1; route slot r has its start depot at n + 2r and its end depot
 * at n + 2r + 1. Capacity excess and lateness are allowed, at the prices given to `run`.
 */
export class LocalSearch {
  private readonly n: number;
  private readonly slots: number;
  private readonly dims: number;
  private readonly neighbours: Int32Array[];
  private readonly order: Int32Array;

  private readonly loc: Int32Array;
  private readonly distance: Float64Array;
  private readonly locations: number;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly routeOf: Int32Array;
  private readonly pos: Int32Array;
  private readonly served: Uint8Array;
  private readonly lastTested: Int32Array;

  private readonly prefix: SegmentTable;
  private readonly suffix: SegmentTable;

  private readonly routeSize: Int32Array;
  private readonly routeCost: Float64Array;
  private readonly routeDistance: Float64Array;
  private readonly routeModified: Int32Array;

  private readonly segment: RouteSegment;
  private readonly scratch: RouteSegment;
  private readonly swapStarTested: Int32Array;
  /** Each route's circle sector around its depot, when positions are known (HGS's filter). */
  private readonly sectorStart: Int32Array;
  private readonly sectorEnd: Int32Array;
  private readonly routesNear: Uint8Array;
  /**
   * Per route slot (made when first needed) and customer, the customer's three cheapest
   * insertions into the route, for SWAP* — kept while the route is unchanged (HGS's cache).
   */
  private readonly insertions: (InsertionTable | undefined)[];
  /** When each route last changed, on a clock that runs across calls of `run`. */
  private readonly routeVersion: Int32Array;
  private clock = 0;
  private readonly removalGain: Float64Array;
  /** Deliveries per route and per depot, per dimension, when depots' supply is limited. */
  private readonly routeDelivered: Float64Array;
  private readonly depotLoad: Float64Array;
  /** Deliveries a move takes from one route to another, per dimension. */
  private readonly transfer: Float64Array;
  /**
   * Test mode: every applicable move is applied whatever its change, unpruned, and its priced
   * change kept in `lastChange` — how the tests compare it with a full recomputation.
   */
  private forced = false;
  private lastChange = NaN;
  /** True when a route's cost is its distance and one dimension's load: see `priceByLoad`. */
  private readonly loadOnly: boolean;
  private penaltyCapacity = 1;
  private penaltyTime = 1;
  private moveCount = 0;

  constructor(
    private readonly problem: SearchProblem,
    private readonly random: Random,
  ) {
    const n = problem.customerCount;
    const slots = problem.slotCount;
    const nodes = n + 2 * slots;
    this.n = n;
    this.slots = slots;
    this.dims = problem.dimensions;
    this.neighbours = problem.neighbours.map((list) => Int32Array.from(list));
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.loc = new Int32Array(nodes);
    this.distance = problem.distance;
    this.locations = problem.locationCount;
    this.loc.set(problem.location);
    for (let r = 0; r < slots; r++) {
      const depot = problem.typeDepotLocation[problem.slotType[r]];
      this.loc[n + 2 * r] = depot;
      this.loc[n + 2 * r + 1] = depot;
    }
    this.next = new Int32Array(nodes);
    this.prev = new Int32Array(nodes);
    this.routeOf = new Int32Array(nodes);
    this.pos = new Int32Array(nodes);
    this.served = new Uint8Array(n);
    this.lastTested = new Int32Array(n);
    this.prefix = new SegmentTable(nodes, this.dims);
    this.suffix = new SegmentTable(nodes, this.dims);
    this.routeSize = new Int32Array(slots);
    this.routeCost = new Float64Array(slots);
    this.routeDistance = new Float64Array(slots);
    this.routeModified = new Int32Array(slots);
    this.segment = new RouteSegment(problem);
    this.scratch = new RouteSegment(problem);
    this.swapStarTested = new Int32Array(slots);
    this.sectorStart = new Int32Array(slots);
    this.sectorEnd = new Int32Array(slots);
    this.routesNear = new Uint8Array(slots * slots);
    this.insertions = new Array<InsertionTable | undefined>(slots);
    this.routeVersion = new Int32Array(slots);
    this.removalGain = new Float64Array(n);
    this.routeDelivered = new Float64Array(slots * this.dims);
    this.depotLoad = new Float64Array(problem.depotSupply.length);
    this.transfer = new Float64Array(this.dims);
    this.loadOnly = problem.orderFree && this.dims === 1;
  }

  /**
   * Improves `routes` (customers per route slot; customers in no route are unserved) until no
   * move lowers the penalised cost, and returns the improved routes. Moves between two routes
   * marked `unchanged` (already locally optimal together, e.g. a parent's) are only tried once
   * one of them has changed: the work follows what changed.
   */
  run(
    routes: readonly (readonly number[])[],
    penaltyCapacity: number,
    penaltyTime: number,
    unchanged?: Uint8Array,
  ): number[][] {
    this.penaltyCapacity = penaltyCapacity;
    this.penaltyTime = penaltyTime;
    this.load(routes);
    this.random.shuffle(this.order);
    for (const list of this.neighbours) this.random.shuffle(list);
    this.moveCount = 0;
    this.lastTested.fill(-1);
    this.swapStarTested.fill(-1);
    for (let r = 0; r < this.slots; r++) this.routeModified[r] = unchanged?.[r] ? -1 : 0;

    let searching = true;
    for (let loop = 0; searching; loop++) {
      searching = loop < 1;
      for (let k = 0; k < this.n; k++) {
        const u = this.order[k];
        const lastTested = this.lastTested[u];
        this.lastTested[u] = this.moveCount;
        if (!this.served[u]) {
          if (this.insertUnserved(u)) searching = true;
          continue;
        }
        if (!this.problem.required[u] && this.removeIfCheaper(u)) {
          searching = true;
          continue;
        }
        const near = this.neighbours[u];
        for (let j = 0; j < near.length; j++) {
          const v = near[j];
          if (!this.served[v] || !this.served[u]) continue;
          const ru = this.routeOf[u];
          const rv = this.routeOf[v];
          if (Math.max(this.routeModified[ru], this.routeModified[rv]) <= lastTested) {
            continue;
          }
          if (this.tryMoves(u, v)) {
            searching = true;
            continue;
          }
          const before = this.prev[v];
          if (before >= this.n && this.tryMovesAfterDepot(u, before)) searching = true;
        }
        if (loop > 0 && this.served[u] && this.tryEmptyRoutes(u)) searching = true;
      }
      if (this.swapStarPass()) searching = true;
    }
    return this.export();
  }

  // ── test seam ─────────────────────────────────────────────────────────────────────────────

  /** Loads `routes` at the given prices without searching (for tests). */
  prepare(
    routes: readonly (readonly number[])[],
    penaltyCapacity: number,
    penaltyTime: number,
  ): void {
    this.penaltyCapacity = penaltyCapacity;
    this.penaltyTime = penaltyTime;
    this.load(routes);
  }

  /** The start node of route slot r: a move "after" it puts customers at the route's head. */
  routeStart(r: number): number {
    return this.n + 2 * r;
  }

  /**
   * Makes one move whatever it changes, without pruning, and returns the change of penalised
   * cost it priced — or undefined when the move does not apply to these nodes (for tests).
   * `a` and `b` are customers (`b` may be a route's start node), routes for `swapStar`; `insert`
   * and `remove` take the customer `a` only.
   */
  force(move: MoveName, a: number, b = -1): number | undefined {
    this.forced = true;
    this.lastChange = NaN;
    try {
      return this.forcedMove(move, a, b) ? this.lastChange : undefined;
    } finally {
      this.forced = false;
    }
  }

  routesNow(): number[][] {
    return this.export();
  }

  private forcedMove(move: MoveName, a: number, b: number): boolean {
    if (move === 'swapStar') return a !== b && this.swapStar(a, b);
    if (move === 'insert') return !this.served[a] && this.insertUnserved(a);
    if (move === 'remove') {
      return this.served[a] === 1 && !this.problem.required[a] && this.removeIfCheaper(a);
    }
    const startNode = b >= this.n && (b - this.n) % 2 === 0;
    if (!this.served[a] || a === b || (!startNode && !this.served[b])) return false;
    const sameRoute = this.routeOf[a] === this.routeOf[b];
    switch (move) {
      case 'relocate':
        return this.relocate(a, b);
      case 'relocatePair':
        return this.relocatePair(a, b, false);
      case 'relocatePairReversed':
        return this.relocatePair(a, b, true);
      case 'swap':
        return !startNode && this.swap(a, b);
      case 'swapPairWithOne':
        return !startNode && this.swapPairWithOne(a, b);
      case 'swapPairs':
        return !startNode && this.swapPairs(a, b);
      case 'twoOpt':
        return !startNode && sameRoute && this.twoOpt(a, b);
      case 'twoOptStar':
        return !sameRoute && this.twoOptStar(a, b);
    }
  }

  // ── loading and exporting ─────────────────────────────────────────────────────────────────

  private load(routes: readonly (readonly number[])[]): void {
    const n = this.n;
    this.served.fill(0);
    this.routeDelivered.fill(0);
    this.depotLoad.fill(0);
    for (let r = 0; r < this.slots; r++) {
      let last = n + 2 * r;
      for (const c of routes[r] ?? []) {
        this.link(last, c);
        this.served[c] = 1;
        last = c;
      }
      this.link(last, n + 2 * r + 1);
      this.updateRoute(r);
    }
  }

  private export(): number[][] {
    const routes: number[][] = [];
    for (let r = 0; r < this.slots; r++) {
      const route: number[] = [];
      for (let node = this.next[this.n + 2 * r]; node < this.n; node = this.next[node]) {
        route.push(node);
      }
      routes.push(route);
    }
    return routes;
  }

  // ── moves ─────────────────────────────────────────────────────────────────────────────────

  private tryMoves(u: number, v: number): boolean {
    if (this.relocate(u, v)) return true;
    if (this.relocatePair(u, v, false)) return true;
    if (this.relocatePair(u, v, true)) return true;
    if (this.swap(u, v)) return true;
    if (this.swapPairWithOne(u, v)) return true;
    if (this.swapPairs(u, v)) return true;
    if (this.routeOf[u] === this.routeOf[v]) return this.twoOpt(u, v);
    return this.twoOptStar(u, v);
  }

  /** `depot` is the start depot of V's route: the same moves, inserting at the route's head. */
  private tryMovesAfterDepot(u: number, depot: number): boolean {
    if (this.relocate(u, depot)) return true;
    if (this.relocatePair(u, depot, false)) return true;
    if (this.relocatePair(u, depot, true)) return true;
    return this.routeOf[u] !== this.routeOf[depot] && this.twoOptStar(u, depot);
  }

  /** Opens a route: U moved into the first empty route of each vehicle type. */
  private tryEmptyRoutes(u: number): boolean {
    for (const slots of this.problem.slotsOfType) {
      for (const r of slots) {
        if (this.routeSize[r] !== 0) continue;
        if (this.relocate(u, this.n + 2 * r)) return true;
        break;
      }
    }
    return false;
  }

  /** U after V. */
  private relocate(u: number, v: number): boolean {
    const x = this.next[u];
    const pu = this.prev[u];
    const y = this.next[v];
    if (v === pu || v === u) return false;
    const delta =
      this.d(pu, x) - this.d(pu, u) - this.d(u, x) + this.d(v, u) + this.d(u, y) - this.d(v, y);
    return this.moveBlock(u, u, v, u, -1, delta);
  }

  /** U and its successor X after V, as U X or (reversed) as X U. */
  private relocatePair(u: number, v: number, reversed: boolean): boolean {
    const x = this.next[u];
    if (x >= this.n || v === x || v === u) return false;
    const pu = this.prev[u];
    const xx = this.next[x];
    const y = this.next[v];
    if (v === pu && !reversed) return false;
    const first = reversed ? x : u;
    const second = reversed ? u : x;
    const removed = this.d(pu, u) + this.d(u, x) + this.d(x, xx);
    const delta =
      v === pu
        ? this.d(pu, x) + this.d(x, u) + this.d(u, xx) - removed
        : this.d(pu, xx) -
          removed +
          this.d(v, first) +
          this.d(first, second) +
          this.d(second, y) -
          this.d(v, y);
    return this.moveBlock(u, x, v, first, second, delta);
  }

  /**
   * Moves the block U … `last` (one or two customers) to just after V, as `first [second]`,
   * if that pays; `delta` is the change in distance, for pruning.
   */
  private moveBlock(
    u: number,
    last: number,
    v: number,
    first: number,
    second: number,
    delta: number,
  ): boolean {
    const ru = this.routeOf[u];
    const rv = this.routeOf[v];
    const size = last === u ? 1 : 2;
    if (ru !== rv) {
      if (
        !this.forced &&
        delta - this.slack(ru, this.routeSize[ru] === size) - this.slack(rv, false) >= 0
      ) {
        return false;
      }
      const change =
        this.price(ru, this.prev[u], -1, -1, this.next[last]) +
        this.price(rv, v, first, second, this.next[v]) -
        this.routeCost[ru] -
        this.routeCost[rv] +
        this.supplyChange(ru, rv, u, last === u ? -1 : last, -1, -1);
      if (!this.accept(change)) return false;
    } else {
      if (!this.forced && delta - this.slack(ru, false) >= 0) return false;
      if (!this.problem.orderFree) {
        const order = this.customersOf(ru);
        order.splice(order.indexOf(u), size);
        const block = second >= 0 ? [first, second] : [first];
        order.splice(v >= this.n ? 0 : order.indexOf(v) + 1, 0, ...block);
        if (!this.accept(this.priceOrder(ru, order) - this.routeCost[ru])) return false;
      } else if (!this.accept(delta)) return false;
    }
    this.insertAfter(first, v);
    if (second >= 0) this.insertAfter(second, first);
    this.moved(ru, rv);
    return true;
  }

  /** U and V trade places. */
  private swap(u: number, v: number): boolean {
    if (u === this.prev[v] || u === this.next[v]) return false;
    return this.exchange(u, -1, v, -1);
  }

  /** U X trade places with V. */
  private swapPairWithOne(u: number, v: number): boolean {
    const x = this.next[u];
    if (x >= this.n) return false;
    const pv = this.prev[v];
    if (u === pv || x === pv || u === this.next[v] || v === x) return false;
    return this.exchange(u, x, v, -1);
  }

  /** U X trade places with V Y. */
  private swapPairs(u: number, v: number): boolean {
    const x = this.next[u];
    const y = this.next[v];
    if (x >= this.n || y >= this.n) return false;
    if (y === this.prev[u] || u === y || x === v || v === this.next[x]) return false;
    return this.exchange(u, x, v, y);
  }

  /** The block `a [a2]` and the block `b [b2]` (−1 for none, not adjacent) trade places. */
  private exchange(a: number, a2: number, b: number, b2: number): boolean {
    const ra = this.routeOf[a];
    const rb = this.routeOf[b];
    const lastA = a2 >= 0 ? a2 : a;
    const lastB = b2 >= 0 ? b2 : b;
    const afterA = this.next[lastA];
    const afterB = this.next[lastB];
    const beforeA = this.prev[a];
    const beforeB = this.prev[b];
    const delta =
      this.d(beforeA, b) +
      this.d(lastB, afterA) -
      this.d(beforeA, a) -
      this.d(lastA, afterA) +
      this.d(beforeB, a) +
      this.d(lastA, afterB) -
      this.d(beforeB, b) -
      this.d(lastB, afterB);
    if (ra !== rb) {
      if (!this.forced && delta - this.slack(ra, false) - this.slack(rb, false) >= 0) return false;
      const change =
        this.price(ra, this.prev[a], b, b2, afterA) +
        this.price(rb, this.prev[b], a, a2, afterB) -
        this.routeCost[ra] -
        this.routeCost[rb] +
        this.supplyChange(ra, rb, a, a2, b, b2);
      if (!this.accept(change)) return false;
    } else {
      if (!this.forced && delta - this.slack(ra, false) >= 0) return false;
      if (this.problem.orderFree) {
        if (!this.accept(delta)) return false;
      } else if (!this.reorderingImproves(ra, a, a2, b, b2)) return false;
    }
    this.swapNodes(a, b);
    if (a2 >= 0 && b2 >= 0) this.swapNodes(a2, b2);
    else if (a2 >= 0) this.insertAfter(a2, a);
    this.moved(ra, rb);
    return true;
  }

  /** Within one route, whether the blocks `a [a2]` and `b [b2]` trading places pays. */
  private reorderingImproves(ra: number, a: number, a2: number, b: number, b2: number): boolean {
    const order = this.customersOf(ra);
    const blockA = a2 >= 0 ? [a, a2] : [a];
    const blockB = b2 >= 0 ? [b, b2] : [b];
    const at = order.indexOf(a);
    const bt = order.indexOf(b);
    const [firstAt, first, second] = at < bt ? [at, blockA, blockB] : [bt, blockB, blockA];
    const secondAt = at < bt ? bt : at;
    const rebuilt = [
      ...order.slice(0, firstAt),
      ...second,
      ...order.slice(firstAt + first.length, secondAt),
      ...first,
      ...order.slice(secondAt + second.length),
    ];
    return this.accept(this.priceOrder(ra, rebuilt) - this.routeCost[ra]);
  }

  /** Within one route: reverse X … V (U before V). */
  private twoOpt(u: number, v: number): boolean {
    if (this.pos[u] > this.pos[v]) return false;
    const x = this.next[u];
    const y = this.next[v];
    if (x === v) return false;
    const r = this.routeOf[u];
    const forward = this.prefix.distance[v] - this.prefix.distance[x];
    const backward = this.prefix.reverseDistance[v] - this.prefix.reverseDistance[x];
    const delta = this.d(u, v) + this.d(x, y) - this.d(u, x) - this.d(v, y) + backward - forward;
    if (!this.forced && delta - this.slack(r, false) >= 0) return false;
    const order = this.customersOf(r);
    const from = this.pos[x] - 1;
    const to = this.pos[v];
    const rebuilt = [
      ...order.slice(0, from),
      ...order.slice(from, to).reverse(),
      ...order.slice(to),
    ];
    if (!this.accept(this.priceOrder(r, rebuilt) - this.routeCost[r])) return false;
    let node = x;
    const stop = y;
    const reversed: number[] = [];
    while (node !== stop) {
      reversed.push(node);
      node = this.next[node];
    }
    let last = u;
    for (let k = reversed.length - 1; k >= 0; k--) {
      this.link(last, reversed[k]);
      last = reversed[k];
    }
    this.link(last, y);
    this.moved(r, r);
    return true;
  }

  /** Between two routes: U's route continues with Y's tail, V's route with X's tail. */
  private twoOptStar(u: number, v: number): boolean {
    const x = this.next[u];
    const y = this.next[v];
    const ru = this.routeOf[u];
    const rv = this.routeOf[v];
    const endU = this.n + 2 * ru + 1;
    const endV = this.n + 2 * rv + 1;
    const tailOfV = y === endV ? endU : y;
    const tailOfU = x === endU ? endV : x;
    const lastV = this.prev[endV];
    const lastU = this.prev[endU];
    const delta =
      this.d(u, tailOfV) +
      this.d(v, tailOfU) -
      this.d(u, x) -
      this.d(v, y) +
      (y === endV ? 0 : this.d(lastV, endU) - this.d(lastV, endV)) +
      (x === endU ? 0 : this.d(lastU, endV) - this.d(lastU, endU));
    if (!this.forced && delta - this.slack(ru, false) - this.slack(rv, false) >= 0) return false;
    const change =
      this.price(ru, u, -1, -1, y) +
      this.price(rv, v, -1, -1, x) -
      this.routeCost[ru] -
      this.routeCost[rv] +
      this.tailsSupplyChange(ru, rv, x, y);
    if (!this.accept(change)) return false;
    this.link(u, tailOfV);
    if (y !== endV) this.link(lastV, endU);
    this.link(v, tailOfU);
    if (x !== endU) this.link(lastU, endV);
    this.moved(ru, rv);
    return true;
  }

  /** An unserved customer: inserted at its cheapest place if it must be served or pays off. */
  private insertUnserved(u: number): boolean {
    let best = Infinity;
    let bestAfter = -1;
    const consider = (after: number) => {
      const r = this.routeOf[after];
      const change =
        this.price(r, after, u, -1, this.next[after]) -
        this.routeCost[r] +
        this.supplyChange(-1, r, u, -1, -1, -1);
      if (change < best) {
        best = change;
        bestAfter = after;
      }
    };
    const near = this.neighbours[u];
    for (let j = 0; j < near.length; j++) {
      const v = near[j];
      if (!this.served[v]) continue;
      consider(v);
      if (this.prev[v] >= this.n) consider(this.prev[v]);
    }
    for (const slots of this.problem.slotsOfType) {
      const empty = slots.find((r) => this.routeSize[r] === 0);
      if (empty !== undefined) consider(this.n + 2 * empty);
    }
    if (bestAfter < 0 && this.slots > 0) consider(this.n);
    if (bestAfter < 0) return false;
    if (!this.problem.required[u] && !this.accept(best - this.problem.unservedPenalty[u])) {
      return false;
    }
    const r = this.routeOf[bestAfter];
    this.link(u, this.next[bestAfter]);
    this.link(bestAfter, u);
    this.served[u] = 1;
    this.moved(r, r);
    return true;
  }

  private removeIfCheaper(u: number): boolean {
    const r = this.routeOf[u];
    const change =
      this.price(r, this.prev[u], -1, -1, this.next[u]) -
      this.routeCost[r] +
      this.supplyChange(r, -1, u, -1, -1, -1);
    if (!this.accept(change + this.problem.unservedPenalty[u])) return false;
    this.link(this.prev[u], this.next[u]);
    this.served[u] = 0;
    this.moved(r, r);
    return true;
  }

  // ── SWAP* (Vidal 2022) ────────────────────────────────────────────────────────────────────

  /**
   * For every pair of routes that hold near customers: exchange U of one with V of the other,
   * each going to its best place in the other route rather than to the other's old place.
   */
  private swapStarPass(): boolean {
    const slots = this.slots;
    const sectors = this.problem.bearing !== undefined;
    const manyDepots = this.problem.depots > 1;
    if (!sectors || manyDepots) this.markRoutesNear();
    let improved = false;
    for (let a = 0; a < slots; a++) {
      if (this.routeSize[a] === 0) continue;
      const lastTested = this.swapStarTested[a];
      this.swapStarTested[a] = this.moveCount;
      for (let b = a + 1; b < slots; b++) {
        if (this.routeSize[b] === 0) continue;
        const sameDepot = !manyDepots || this.depotOfSlot(a) === this.depotOfSlot(b);
        const near =
          sectors && sameDepot ? this.sectorsOverlap(a, b) : this.routesNear[a * slots + b] === 1;
        if (!near) continue;
        if (Math.max(this.routeModified[a], this.routeModified[b]) <= lastTested) {
          continue;
        }
        if (this.swapStar(a, b)) improved = true;
        if (this.routeSize[a] === 0) break;
      }
    }
    return improved;
  }

  private depotOfSlot(r: number): number {
    return this.problem.typeDepotLocation[this.problem.slotType[r]];
  }

  /**
   * Routes pair up when one holds a near customer of the other's — the test when positions are
   * unknown, and between routes of different depots, whose sectors have different centres.
   */
  private markRoutesNear(): void {
    const slots = this.slots;
    this.routesNear.fill(0);
    for (let u = 0; u < this.n; u++) {
      if (!this.served[u]) continue;
      const near = this.neighbours[u];
      for (let j = 0; j < near.length; j++) {
        const v = near[j];
        if (!this.served[v]) continue;
        const a = this.routeOf[u];
        const b = this.routeOf[v];
        if (a !== b) this.routesNear[a < b ? a * slots + b : b * slots + a] = 1;
      }
    }
  }

  private sectorsOverlap(a: number, b: number): boolean {
    return (
      turn(this.sectorStart[b] - this.sectorStart[a]) <=
        turn(this.sectorEnd[a] - this.sectorStart[a]) ||
      turn(this.sectorStart[a] - this.sectorStart[b]) <=
        turn(this.sectorEnd[b] - this.sectorStart[b])
    );
  }

  /** The smallest circle sector from the depot holding all of route r's customers. */
  private updateSector(r: number): void {
    const bearing = this.problem.bearing!;
    const types = this.problem.typeDepotLocation.length;
    const type = this.problem.slotType[r];
    let start = 0;
    let end = 0;
    let first = true;
    for (let c = this.next[this.n + 2 * r]; c < this.n; c = this.next[c]) {
      const point = bearing[c * types + type];
      if (first) {
        start = end = point;
        first = false;
      } else if (turn(point - start) > turn(end - start)) {
        if (turn(point - end) <= turn(start - point)) end = point;
        else start = point;
      }
    }
    this.sectorStart[r] = start;
    this.sectorEnd[r] = end;
  }

  private swapStar(ra: number, rb: number): boolean {
    const inA = this.customersOf(ra);
    const inB = this.customersOf(rb);
    this.prepareInsertions(inA, rb);
    this.prepareInsertions(inB, ra);
    const typeA = this.problem.slotType[ra];
    const typeB = this.problem.slotType[rb];
    const excessA = this.approximateExcess(ra, typeA, -1, -1);
    const excessB = this.approximateExcess(rb, typeB, -1, -1);
    let best = this.forced ? Infinity : -IMPROVEMENT;
    let bestU = -1;
    let bestV = -1;
    let bestAfterU = -1;
    let bestAfterV = -1;
    // one dimension (the usual case): the routes' totals and limits, read once
    const single = this.dims === 1;
    const { delivery, pickup } = this.problem;
    const lastA = this.prev[this.n + 2 * ra + 1];
    const lastB = this.prev[this.n + 2 * rb + 1];
    const deliveredA = this.prefix.delivered[lastA];
    const pickedUpA = this.prefix.pickedUp[lastA];
    const deliveredB = this.prefix.delivered[lastB];
    const pickedUpB = this.prefix.pickedUp[lastB];
    const capacityA = this.problem.typeCapacity[typeA];
    const capacityB = this.problem.typeCapacity[typeB];
    const maxDeliveryA = this.problem.typeMaxDelivery[typeA];
    const maxDeliveryB = this.problem.typeMaxDelivery[typeB];
    for (const u of inA) {
      for (const v of inB) {
        let penalties: number;
        if (single) {
          const inDelivered = delivery[v] - delivery[u];
          const inPickedUp = pickup[v] - pickup[u];
          penalties =
            this.penaltyCapacity *
            (excessOf(deliveredA + inDelivered, pickedUpA + inPickedUp, capacityA, maxDeliveryA) -
              excessA +
              excessOf(
                deliveredB + (delivery[u] - delivery[v]),
                pickedUpB + (pickup[u] - pickup[v]),
                capacityB,
                maxDeliveryB,
              ) -
              excessB);
        } else {
          penalties =
            this.penaltyCapacity *
            (this.approximateExcess(ra, typeA, u, v) -
              excessA +
              this.approximateExcess(rb, typeB, v, u) -
              excessB);
        }
        const removals = this.removalGain[u] + this.removalGain[v] + penalties;
        if (removals >= best) continue;
        const intoB = this.cheapestInsertion(u, v);
        const costU = this.chosenCost;
        const intoA = this.cheapestInsertion(v, u);
        const total = removals + costU + this.chosenCost;
        if (total < best) {
          best = total;
          bestU = u;
          bestV = v;
          bestAfterU = intoB;
          bestAfterV = intoA;
        }
      }
    }
    if (bestU < 0) return false;
    const newA = this.withInsertion(inA, bestU, bestV, bestAfterV);
    const newB = this.withInsertion(inB, bestV, bestU, bestAfterU);
    const change =
      this.priceOrder(ra, newA) +
      this.priceOrder(rb, newB) -
      this.routeCost[ra] -
      this.routeCost[rb] +
      this.supplyChange(ra, rb, bestU, -1, bestV, -1);
    if (!this.accept(change)) return false;
    this.relink(ra, newA);
    this.relink(rb, newB);
    this.moved(ra, rb);
    return true;
  }

  /**
   * The three cheapest places (by distance) to insert each of `customers` into route r, unless
   * known since r last changed.
   */
  private prepareInsertions(customers: readonly number[], r: number): void {
    const table = (this.insertions[r] ??= {
      cost: new Float64Array(3 * this.n),
      after: new Int32Array(3 * this.n),
      version: new Int32Array(this.n).fill(-1),
      edgesVersion: -1,
      edgeCount: 0,
      edgeFrom: new Int32Array(this.n + 1),
      edgeFromRow: new Int32Array(this.n + 1),
      edgeTo: new Int32Array(this.n + 1),
      edgeCost: new Float64Array(this.n + 1),
    });
    const { cost: costs, after } = table;
    const version = this.routeVersion[r];
    const distance = this.distance;
    const locations = this.locations;
    if (table.edgesVersion !== version) this.prepareEdges(table, r, version);
    const { edgeCount, edgeFrom, edgeFromRow, edgeTo, edgeCost } = table;
    for (const u of customers) {
      this.removalGain[u] =
        this.d(this.prev[u], this.next[u]) - this.d(this.prev[u], u) - this.d(u, this.next[u]);
      if (table.version[u] === version) continue;
      table.version[u] = version;
      const at = 3 * u;
      const lu = this.loc[u];
      const row = lu * locations;
      // the three cheapest so far, in locals: this loop is a fifth of a large instance's search
      let cost0 = Infinity;
      let cost1 = Infinity;
      let cost2 = Infinity;
      let after0 = -1;
      let after1 = -1;
      let after2 = -1;
      for (let e = 0; e < edgeCount; e++) {
        // the same sum, in the same order, as d(p, u) + d(u, q) − d(p, q)
        const cost = distance[edgeFromRow[e] + lu] + distance[row + edgeTo[e]] - edgeCost[e];
        if (!(cost < cost2)) continue;
        if (cost < cost1) {
          cost2 = cost1;
          after2 = after1;
          if (cost < cost0) {
            cost1 = cost0;
            after1 = after0;
            cost0 = cost;
            after0 = edgeFrom[e];
          } else {
            cost1 = cost;
            after1 = edgeFrom[e];
          }
        } else {
          cost2 = cost;
          after2 = edgeFrom[e];
        }
      }
      costs[at] = cost0;
      costs[at + 1] = cost1;
      costs[at + 2] = cost2;
      after[at] = after0;
      after[at + 1] = after1;
      after[at + 2] = after2;
    }
  }

  /** Route r's edges (p, next p) from its start, with their rows and lengths, for insertions. */
  private prepareEdges(table: InsertionTable, r: number, version: number): void {
    const start = this.n + 2 * r;
    let e = 0;
    for (let p = start; p < this.n || p === start; p = this.next[p]) {
      const q = this.next[p];
      table.edgeFrom[e] = p;
      table.edgeFromRow[e] = this.loc[p] * this.locations;
      table.edgeTo[e] = this.loc[q];
      table.edgeCost[e] = this.d(p, q);
      e++;
    }
    table.edgeCount = e;
    table.edgesVersion = version;
  }

  private chosenCost = 0;

  /**
   * Where U goes in V's route once V has left it: the best prepared place not next to V, or
   * V's old place. Returns the node to insert after (its cost in `chosenCost`).
   */
  private cheapestInsertion(u: number, v: number): number {
    const table = this.insertions[this.routeOf[v]]!;
    const at = 3 * u;
    let after = -1;
    this.chosenCost = Infinity;
    for (let k = 0; k < 3; k++) {
      const p = table.after[at + k];
      if (p < 0) break;
      if (p !== v && this.next[p] !== v) {
        after = p;
        this.chosenCost = table.cost[at + k];
        break;
      }
    }
    const pv = this.prev[v];
    const nv = this.next[v];
    const inPlace = this.d(pv, u) + this.d(u, nv) - this.d(pv, nv);
    if (inPlace < this.chosenCost) {
      this.chosenCost = inPlace;
      after = pv;
    }
    return after;
  }

  /** Load above capacity of route r with `out` taken off and `incoming` put on, by totals. */
  private approximateExcess(r: number, type: number, out: number, incoming: number): number {
    const last = this.prev[this.n + 2 * r + 1];
    const dims = this.dims;
    let excess = 0;
    for (let k = 0; k < dims; k++) {
      let delivered = this.prefix.delivered[last * dims + k];
      let pickedUp = this.prefix.pickedUp[last * dims + k];
      if (out >= 0) {
        delivered +=
          this.problem.delivery[incoming * dims + k] - this.problem.delivery[out * dims + k];
        pickedUp += this.problem.pickup[incoming * dims + k] - this.problem.pickup[out * dims + k];
      }
      excess += excessOf(
        delivered,
        pickedUp,
        this.problem.typeCapacity[type * dims + k],
        this.problem.typeMaxDelivery[type * dims + k],
      );
    }
    return excess;
  }

  /** `customers` without `out`, with `incoming` after node `after` (a depot: at the head). */
  private withInsertion(
    customers: number[],
    out: number,
    incoming: number,
    after: number,
  ): number[] {
    const result: number[] = after >= this.n ? [incoming] : [];
    for (const c of customers) {
      if (c !== out) result.push(c);
      if (c === after) result.push(incoming);
    }
    return result;
  }

  private relink(r: number, customers: readonly number[]): void {
    let last = this.n + 2 * r;
    for (const c of customers) {
      this.link(last, c);
      last = c;
    }
    this.link(last, this.n + 2 * r + 1);
  }

  /** Whether a move whose priced change is `change` is to be made. */
  private accept(change: number): boolean {
    this.lastChange = change;
    return this.forced || change <= -IMPROVEMENT;
  }

  // ── pricing ───────────────────────────────────────────────────────────────────────────────

  private d(a: number, b: number): number {
    return this.distance[this.loc[a] * this.locations + this.loc[b]];
  }

  /**
   * What a route could at most save besides distance: its penalties, and its fixed cost when the
   * move empties it. A move whose distance change exceeds the slack of both routes cannot pay.
   */
  private slack(r: number, emptied: boolean): number {
    const type = this.problem.slotType[r];
    return (
      this.depotSlack(type) +
      this.routeCost[r] -
      this.routeDistance[r] -
      (this.routeSize[r] > 0 ? this.problem.typeFixedCost[type] : 0) +
      (emptied ? this.problem.typeFixedCost[type] : 0)
    );
  }

  /**
   * Penalised cost of route r rebuilt as: r's depot … `head` (a node of any route, with its
   * prefix), then `first` and `second` (−1 for none), then `tail` … its route's last customer,
   * then back to r's depot.
   */
  private price(r: number, head: number, first: number, second: number, tail: number): number {
    if (this.loadOnly) return this.priceByLoad(r, head, first, second, tail);
    const s = this.segment;
    this.prefix.read(head, s);
    let count = this.pos[head];
    if (first >= 0) {
      s.visit(first);
      count++;
    }
    if (second >= 0) {
      s.visit(second);
      count++;
    }
    if (tail < this.n) {
      this.suffix.joinTo(tail, s, this.loc[tail]);
      count += this.routeSize[this.routeOf[tail]] - this.pos[tail] + 1;
    }
    s.returnToDepot(this.problem.slotType[r]);
    return this.penalised(s, r, count);
  }

  /**
   * `price` when a route's cost depends only on its distance and its load of one dimension (no
   * times, no pickups): the same sums in the same order, without building a segment.
   */
  private priceByLoad(r: number, head: number, first: number, second: number, tail: number) {
    const { delivery, typeCapacity, typeMaxDelivery } = this.problem;
    const distance = this.distance;
    const locations = this.locations;
    let length = this.prefix.distance[head];
    let load = this.prefix.delivered[head];
    let location = this.prefix.lastLocation[head];
    let count = this.pos[head];
    if (first >= 0) {
      length += distance[location * locations + this.loc[first]];
      load += delivery[first];
      location = this.loc[first];
      count++;
    }
    if (second >= 0) {
      length += distance[location * locations + this.loc[second]];
      load += delivery[second];
      location = this.loc[second];
      count++;
    }
    if (tail < this.n) {
      length += distance[location * locations + this.loc[tail]] + this.suffix.distance[tail];
      load += this.suffix.delivered[tail];
      location = this.suffix.lastLocation[tail];
      count += this.routeSize[this.routeOf[tail]] - this.pos[tail] + 1;
    }
    const type = this.problem.slotType[r];
    length += distance[location * locations + this.problem.typeDepotLocation[type]];
    return (
      length +
      (count > 0 ? this.problem.typeFixedCost[type] : 0) +
      this.penaltyCapacity * excessOf(load, load, typeCapacity[type], typeMaxDelivery[type])
    );
  }

  // ── depots' supply ────────────────────────────────────────────────────────────────────────

  /**
   * Change in the supply penalty when the customers `a [a2]` leave route `from` for route `to`
   * and `b [b2]` go the other way (−1: none; a route −1: unserved).
   */
  private supplyChange(from: number, to: number, a: number, a2: number, b: number, b2: number) {
    if (!this.problem.hasSupply) return 0;
    this.transfer.fill(0);
    this.addDeliveries(a, 1);
    this.addDeliveries(a2, 1);
    this.addDeliveries(b, -1);
    this.addDeliveries(b2, -1);
    return this.transferChange(from, to);
  }

  /** 2-opt*: route `ru` gives its tail from X for route `rv`'s tail from Y. */
  private tailsSupplyChange(ru: number, rv: number, x: number, y: number): number {
    if (!this.problem.hasSupply) return 0;
    const dims = this.dims;
    for (let k = 0; k < dims; k++) {
      this.transfer[k] =
        (x < this.n ? this.suffix.delivered[x * dims + k] : 0) -
        (y < this.n ? this.suffix.delivered[y * dims + k] : 0);
    }
    return this.transferChange(ru, rv);
  }

  private addDeliveries(c: number, sign: number): void {
    if (c < 0) return;
    const dims = this.dims;
    for (let k = 0; k < dims; k++) this.transfer[k] += sign * this.problem.delivery[c * dims + k];
  }

  /** The penalty change when `transfer` moves from route `from`'s depot to route `to`'s. */
  private transferChange(from: number, to: number): number {
    const p = this.problem;
    const origin = from < 0 ? -1 : p.typeDepot[p.slotType[from]];
    const destination = to < 0 ? -1 : p.typeDepot[p.slotType[to]];
    if (origin === destination) return 0;
    let change = 0;
    for (let k = 0; k < this.dims; k++) {
      const moved = this.transfer[k];
      if (moved === 0) continue;
      if (origin >= 0) change += this.moreOverSupply(origin, k, -moved);
      if (destination >= 0) change += this.moreOverSupply(destination, k, moved);
    }
    return this.penaltyCapacity * change;
  }

  /** How much further depot d goes over its supply in dimension k when its load changes `by`. */
  private moreOverSupply(d: number, k: number, by: number): number {
    const at = d * this.dims + k;
    const over = this.depotLoad[at] - this.problem.depotSupply[at];
    return Math.max(0, over + by) - Math.max(0, over);
  }

  /** What a route could save in supply penalty: all of its depot's. */
  private depotSlack(type: number): number {
    if (!this.problem.hasSupply) return 0;
    const d = this.problem.typeDepot[type];
    let over = 0;
    for (let k = 0; k < this.dims; k++) {
      over += Math.max(
        0,
        this.depotLoad[d * this.dims + k] - this.problem.depotSupply[d * this.dims + k],
      );
    }
    return this.penaltyCapacity * over;
  }

  private priceOrder(r: number, customers: readonly number[]): number {
    const type = this.problem.slotType[r];
    const s = this.segment.startAtDepot(type);
    for (const c of customers) s.visit(c);
    s.returnToDepot(type);
    return this.penalised(s, r, customers.length);
  }

  private penalised(s: RouteSegment, r: number, count: number): number {
    const type = this.problem.slotType[r];
    return (
      s.distance +
      (count > 0 ? this.problem.typeFixedCost[type] : 0) +
      this.penaltyCapacity * s.capacityExcess(type) +
      this.penaltyTime * s.lateness(type)
    );
  }

  // ── route bookkeeping ─────────────────────────────────────────────────────────────────────

  private customersOf(r: number): number[] {
    const customers: number[] = [];
    for (let node = this.next[this.n + 2 * r]; node < this.n; node = this.next[node]) {
      customers.push(node);
    }
    return customers;
  }

  private link(a: number, b: number): void {
    this.next[a] = b;
    this.prev[b] = a;
  }

  private insertAfter(node: number, after: number): void {
    if (node === after) return;
    this.link(this.prev[node], this.next[node]);
    this.link(node, this.next[after]);
    this.link(after, node);
  }

  private swapNodes(a: number, b: number): void {
    const pa = this.prev[a];
    const na = this.next[a];
    const pb = this.prev[b];
    const nb = this.next[b];
    if (na === b) {
      this.link(pa, b);
      this.link(b, a);
      this.link(a, nb);
    } else if (nb === a) {
      this.link(pb, a);
      this.link(a, b);
      this.link(b, na);
    } else {
      this.link(pa, b);
      this.link(b, na);
      this.link(pb, a);
      this.link(a, nb);
    }
  }

  private moved(ra: number, rb: number): void {
    this.moveCount++;
    this.updateRoute(ra);
    this.routeModified[ra] = this.moveCount;
    if (rb !== ra) {
      this.updateRoute(rb);
      this.routeModified[rb] = this.moveCount;
    }
  }

  /** Recomputes positions, prefixes, suffixes and the cost of route r from its links. */
  private updateRoute(r: number): void {
    const n = this.n;
    const type = this.problem.slotType[r];
    const start = n + 2 * r;
    const end = start + 1;
    this.routeVersion[r] = ++this.clock;
    const s = this.segment.startAtDepot(type);
    this.routeOf[start] = r;
    this.pos[start] = 0;
    this.prefix.write(start, s, 0);
    let reverse = 0;
    let position = 0;
    let last = start;
    for (let node = this.next[start]; node !== end; node = this.next[node]) {
      s.visit(node);
      reverse += this.d(node, last);
      this.routeOf[node] = r;
      this.pos[node] = ++position;
      this.prefix.write(node, s, reverse);
      last = node;
    }
    this.routeOf[end] = r;
    this.pos[end] = position + 1;
    s.returnToDepot(type);
    this.routeSize[r] = position;
    this.routeDistance[r] = s.distance;
    this.routeCost[r] = this.penalised(s, r, position);
    if (this.problem.bearing) this.updateSector(r);
    if (this.problem.hasSupply) {
      const dims = this.dims;
      const depot = this.problem.typeDepot[type] * dims;
      for (let k = 0; k < dims; k++) {
        this.depotLoad[depot + k] += s.delivered[k] - this.routeDelivered[r * dims + k];
        this.routeDelivered[r * dims + k] = s.delivered[k];
      }
    }

    const t = this.scratch;
    for (let node = last; node !== start; node = this.prev[node]) {
      t.startAtCustomer(node);
      const after = this.next[node];
      if (after !== end) this.suffix.joinTo(after, t, this.loc[after]);
      this.suffix.write(node, t, 0);
    }
  }
}

interface InsertionTable {
  cost: Float64Array;
  after: Int32Array;
  /** The route's version the customer's entries were computed for. */
  version: Int32Array;
  /** The route's edges as of `edgesVersion`: shared by every customer priced into it. */
  edgesVersion: number;
  edgeCount: number;
  edgeFrom: Int32Array;
  edgeFromRow: Int32Array;
  edgeTo: Int32Array;
  edgeCost: Float64Array;
}

/**
 * Load above capacity of a route in one dimension with these totals, plus deliveries above what
 * it may load at its depot. The one statement of that rule: `approximateExcess` sums it over the
 * dimensions, and the one-dimension paths call it with totals already read.
 */
function excessOf(
  delivered: number,
  pickedUp: number,
  capacity: number,
  maxDelivery: number,
): number {
  let excess = 0;
  const over = Math.max(delivered, pickedUp) - capacity;
  if (over > 0) excess += over;
  const overLoaded = delivered - maxDelivery;
  if (overLoaded > 0) excess += overLoaded;
  return excess;
}

/** An angle difference brought into [0, 65536): one turn. */
function turn(angle: number): number {
  return ((angle % 65536) + 65536) % 65536;
}
