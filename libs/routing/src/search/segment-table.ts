import type { RouteSegment } from './route-segment';

/** Segment summaries stored per node, for prefixes or for suffixes. */
export class SegmentTable {
  readonly distance: Float64Array;
  readonly reverseDistance: Float64Array;
  readonly lastLocation: Int32Array;
  readonly delivered: Float64Array;
  readonly pickedUp: Float64Array;
  readonly peak: Float64Array;
  readonly duration: Float64Array;
  readonly timeWarp: Float64Array;
  readonly earliestStart: Float64Array;
  readonly latestStart: Float64Array;

  constructor(
    nodes: number,
    private readonly dims: number,
  ) {
    this.distance = new Float64Array(nodes);
    this.reverseDistance = new Float64Array(nodes);
    this.lastLocation = new Int32Array(nodes);
    this.delivered = new Float64Array(nodes * dims);
    this.pickedUp = new Float64Array(nodes * dims);
    this.peak = new Float64Array(nodes * dims);
    this.duration = new Float64Array(nodes);
    this.timeWarp = new Float64Array(nodes);
    this.earliestStart = new Float64Array(nodes);
    this.latestStart = new Float64Array(nodes);
  }

  write(node: number, s: RouteSegment, reverseDistance: number): void {
    this.distance[node] = s.distance;
    this.reverseDistance[node] = reverseDistance;
    this.lastLocation[node] = s.lastLocation;
    this.delivered.set(s.delivered, node * this.dims);
    this.pickedUp.set(s.pickedUp, node * this.dims);
    this.peak.set(s.peak, node * this.dims);
    this.duration[node] = s.duration;
    this.timeWarp[node] = s.timeWarp;
    this.earliestStart[node] = s.earliestStart;
    this.latestStart[node] = s.latestStart;
  }

  /** Loads the stored segment into `s` (used for prefixes, which start at a depot). */
  read(node: number, s: RouteSegment): void {
    s.distance = this.distance[node];
    s.lastLocation = this.lastLocation[node];
    const at = node * this.dims;
    for (let k = 0; k < this.dims; k++) {
      s.delivered[k] = this.delivered[at + k];
      s.pickedUp[k] = this.pickedUp[at + k];
      s.peak[k] = this.peak[at + k];
    }
    s.duration = this.duration[node];
    s.timeWarp = this.timeWarp[node];
    s.earliestStart = this.earliestStart[node];
    s.latestStart = this.latestStart[node];
  }

  /** Appends the stored segment (used for suffixes, which start at `firstLocation`) to `s`. */
  joinTo(node: number, s: RouteSegment, firstLocation: number): void {
    s.join(
      firstLocation,
      this.lastLocation[node],
      this.distance[node],
      this.delivered,
      this.pickedUp,
      this.peak,
      node,
      this.duration[node],
      this.timeWarp[node],
      this.earliestStart[node],
      this.latestStart[node],
    );
  }
}
