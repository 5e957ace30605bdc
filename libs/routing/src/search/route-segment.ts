import type { SearchProblem } from './search-problem';

/**
 * A part of a route summarised so that two parts join in constant time — how the local search
 * prices a move without walking whole routes.
 *
 * Load (per dimension), for simultaneous delivery and pickup: `delivered` and `pickedUp` are the
 * segment's totals; `peak` is the highest load on board while crossing it when it is entered
 * carrying just its own deliveries. Joining A then B: peak = max(A.peak + B.delivered,
 * B.peak + A.pickedUp) — A's stretch still carries B's deliveries, B's carries A's pickups.
 *
 * Time, after Vidal et al. (2013): the least `duration` (travel, service, forced waiting), the
 * `timeWarp` (lateness that had to be undone) and the window `[earliestStart, latestStart]` of
 * start times achieving them.
 */
export class RouteSegment {
  distance = 0;
  lastLocation = 0;
  readonly delivered: Float64Array;
  readonly pickedUp: Float64Array;
  readonly peak: Float64Array;
  duration = 0;
  timeWarp = 0;
  earliestStart = 0;
  latestStart = 0;

  constructor(private readonly problem: SearchProblem) {
    const dims = problem.dimensions;
    this.delivered = new Float64Array(dims);
    this.pickedUp = new Float64Array(dims);
    this.peak = new Float64Array(dims);
  }

  /** A vehicle of `type` standing at its depot, about to leave. */
  startAtDepot(type: number): this {
    this.distance = 0;
    this.lastLocation = this.problem.typeDepotLocation[type];
    this.delivered.fill(0);
    this.pickedUp.fill(0);
    this.peak.fill(0);
    this.duration = 0;
    this.timeWarp = 0;
    this.earliestStart = this.problem.typeEarliest[type];
    this.latestStart = this.problem.typeLatest[type];
    return this;
  }

  /** Just the visit to customer `c` (the first of a segment built backwards). */
  startAtCustomer(c: number): this {
    const p = this.problem;
    const dims = p.dimensions;
    this.distance = 0;
    this.lastLocation = p.location[c];
    for (let k = 0; k < dims; k++) {
      const d = p.delivery[c * dims + k];
      const q = p.pickup[c * dims + k];
      this.delivered[k] = d;
      this.pickedUp[k] = q;
      this.peak[k] = d > q ? d : q;
    }
    this.duration = p.serviceTime[c];
    this.timeWarp = 0;
    this.earliestStart = p.earliest[c];
    this.latestStart = p.latest[c];
    return this;
  }

  copy(other: RouteSegment): this {
    this.distance = other.distance;
    this.lastLocation = other.lastLocation;
    this.delivered.set(other.delivered);
    this.pickedUp.set(other.pickedUp);
    this.peak.set(other.peak);
    this.duration = other.duration;
    this.timeWarp = other.timeWarp;
    this.earliestStart = other.earliestStart;
    this.latestStart = other.latestStart;
    return this;
  }

  /** Appends a visit to customer `c`. */
  visit(c: number): this {
    const p = this.problem;
    const location = p.location[c];
    this.distance += p.distance[this.lastLocation * p.locationCount + location];
    const dims = p.dimensions;
    for (let k = 0; k < dims; k++) {
      const d = p.delivery[c * dims + k];
      const q = p.pickup[c * dims + k];
      this.peak[k] = Math.max(this.peak[k] + d, (d > q ? d : q) + this.pickedUp[k]);
      this.delivered[k] += d;
      this.pickedUp[k] += q;
    }
    if (p.timed) this.joinTime(location, p.serviceTime[c], 0, p.earliest[c], p.latest[c]);
    this.lastLocation = location;
    return this;
  }

  /**
   * Appends another segment given by its fields, starting at `firstLocation` (`load` arrays are
   * read at offset `at * dimensions`).
   */
  join(
    firstLocation: number,
    lastLocation: number,
    distance: number,
    delivered: Float64Array,
    pickedUp: Float64Array,
    peak: Float64Array,
    at: number,
    duration: number,
    timeWarp: number,
    earliestStart: number,
    latestStart: number,
  ): this {
    const p = this.problem;
    this.distance += p.distance[this.lastLocation * p.locationCount + firstLocation] + distance;
    const dims = p.dimensions;
    const offset = at * dims;
    for (let k = 0; k < dims; k++) {
      this.peak[k] = Math.max(
        this.peak[k] + delivered[offset + k],
        peak[offset + k] + this.pickedUp[k],
      );
      this.delivered[k] += delivered[offset + k];
      this.pickedUp[k] += pickedUp[offset + k];
    }
    if (p.timed) this.joinTime(firstLocation, duration, timeWarp, earliestStart, latestStart);
    this.lastLocation = lastLocation;
    return this;
  }

  /** Drives back to the depot of `type`; the segment is then a whole route. */
  returnToDepot(type: number): this {
    const p = this.problem;
    const depot = p.typeDepotLocation[type];
    this.distance += p.distance[this.lastLocation * p.locationCount + depot];
    if (p.timed) this.joinTime(depot, 0, 0, p.typeEarliest[type], p.typeLatest[type]);
    this.lastLocation = depot;
    return this;
  }

  /**
   * Load above capacity, summed over dimensions, for a whole route of `type` — plus deliveries
   * above what the type may load at its depot.
   */
  capacityExcess(type: number): number {
    const p = this.problem;
    const dims = p.dimensions;
    let excess = 0;
    for (let k = 0; k < dims; k++) {
      const over = this.peak[k] - p.typeCapacity[type * dims + k];
      if (over > 0) excess += over;
      const overLoaded = this.delivered[k] - p.typeMaxDelivery[type * dims + k];
      if (overLoaded > 0) excess += overLoaded;
    }
    return excess;
  }

  /** Lateness plus time beyond the longest allowed route, for a whole route of `type`. */
  lateness(type: number): number {
    const over = this.duration - this.problem.typeMaxDuration[type];
    return this.timeWarp + (over > 0 ? over : 0);
  }

  private joinTime(
    firstLocation: number,
    duration: number,
    timeWarp: number,
    earliestStart: number,
    latestStart: number,
  ): void {
    const p = this.problem;
    const travel = p.duration[this.lastLocation * p.locationCount + firstLocation];
    const delta = this.duration - this.timeWarp + travel;
    const waiting = Math.max(earliestStart - delta - this.latestStart, 0);
    const warp = Math.max(this.earliestStart + delta - latestStart, 0);
    this.duration += duration + travel + waiting;
    this.timeWarp += timeWarp + warp;
    this.earliestStart = Math.max(earliestStart - delta, this.earliestStart) - waiting;
    this.latestStart = Math.min(latestStart - delta, this.latestStart) + warp;
  }
}
