import type { RoutingProblem } from '../problem/routing-problem';

/** How many near customers each customer's moves look at (the granular neighbourhood). */
const GRANULARITY = 20;
/** Weights of waiting and lateness in the time-aware proximity of two customers. */
const WAITING_WEIGHT = 0.2;
const LATENESS_WEIGHT = 1;

/**
 * The problem flattened into typed arrays for the search's inner loops. Route slots stand for
 * the vehicles: one per vehicle of each type, capped at the number of customers (an "unlimited"
 * fleet never needs more routes than customers).
 */
export class SearchProblem {
  readonly customerCount: number;
  readonly dimensions: number;
  readonly locationCount: number;
  readonly distance: Float64Array;
  readonly duration: Float64Array;
  /** False when nothing depends on time (no windows, shifts or duration limits). */
  readonly timed: boolean;
  /**
   * True when reordering a route changes only its distance: no time constraints and no pickups,
   * so the load on board peaks at the start whatever the order.
   */
  readonly orderFree: boolean;

  readonly location: Int32Array;
  readonly delivery: Float64Array;
  readonly pickup: Float64Array;
  readonly serviceTime: Float64Array;
  readonly earliest: Float64Array;
  readonly latest: Float64Array;
  readonly required: Uint8Array;
  readonly unservedPenalty: Float64Array;

  readonly typeDepotLocation: Int32Array;
  /** Index into the problem's depots of each vehicle type's depot. */
  readonly typeDepot: Int32Array;
  /** What all vehicles of each depot may load there, per dimension; Infinity when unlimited. */
  readonly depotSupply: Float64Array;
  /** True when some depot's supply is limited. */
  readonly hasSupply: boolean;
  readonly typeCapacity: Float64Array;
  /** What each type may load at its depot, per dimension; Infinity when unlimited. */
  readonly typeMaxDelivery: Float64Array;
  readonly typeMaxDuration: Float64Array;
  readonly typeFixedCost: Float64Array;
  readonly typeEarliest: Float64Array;
  readonly typeLatest: Float64Array;
  readonly slotType: Int32Array;
  /** Number of distinct depot locations the vehicles start from. */
  readonly depots: number;
  /** For each vehicle type, its slots, in slot order. */
  readonly slotsOfType: number[][];

  readonly neighbours: Int32Array[];
  /** Planar position of each customer and of each vehicle type's depot, when known. */
  readonly customerX?: Float64Array;
  readonly customerY?: Float64Array;
  readonly typeDepotX?: Float64Array;
  readonly typeDepotY?: Float64Array;
  /**
   * When positions are known: the bearing of customer c from the depot of type t, at
   * `c * typeCount + t`, in 1/65536 of a turn (the unit of HGS's circle sectors).
   */
  readonly bearing?: Int32Array;

  constructor(readonly source: RoutingProblem) {
    const { customers, vehicleTypes, depots } = source;
    const n = customers.length;
    const dims = vehicleTypes[0].capacity.length;
    const size = source.distance.length;
    this.customerCount = n;
    this.dimensions = dims;
    this.locationCount = size;
    this.distance = flatten(source.distance);
    this.duration = source.duration ? flatten(source.duration) : this.distance;

    this.location = Int32Array.from(customers, (c) => c.location);
    this.delivery = Float64Array.from(customers.flatMap((c) => c.delivery));
    this.pickup = Float64Array.from(customers.flatMap((c) => c.pickup));
    this.serviceTime = Float64Array.from(customers, (c) => c.serviceTime ?? 0);
    this.earliest = Float64Array.from(customers, (c) => c.timeWindow?.[0] ?? -Infinity);
    this.latest = Float64Array.from(customers, (c) => c.timeWindow?.[1] ?? Infinity);
    this.required = Uint8Array.from(customers, (c) => (c.unservedPenalty === undefined ? 1 : 0));
    this.unservedPenalty = Float64Array.from(customers, (c) => c.unservedPenalty ?? 0);

    this.typeDepotLocation = Int32Array.from(vehicleTypes, (t) => depots[t.depot].location);
    this.typeDepot = Int32Array.from(vehicleTypes, (t) => t.depot);
    this.depotSupply = Float64Array.from(
      depots.flatMap((d) => d.supply ?? Array.from({ length: dims }, () => Infinity)),
    );
    this.hasSupply = depots.some((d) => d.supply !== undefined);
    this.typeCapacity = Float64Array.from(vehicleTypes.flatMap((t) => t.capacity));
    this.typeMaxDelivery = Float64Array.from(
      vehicleTypes.flatMap((t) => t.maxDelivery ?? t.capacity.map(() => Infinity)),
    );
    this.typeMaxDuration = Float64Array.from(vehicleTypes, (t) => t.maxDuration ?? Infinity);
    this.typeFixedCost = Float64Array.from(vehicleTypes, (t) => t.fixedCost ?? 0);
    this.typeEarliest = Float64Array.from(vehicleTypes, (t) =>
      Math.max(depots[t.depot].timeWindow?.[0] ?? -Infinity, t.shift?.[0] ?? -Infinity),
    );
    this.typeLatest = Float64Array.from(vehicleTypes, (t) =>
      Math.min(depots[t.depot].timeWindow?.[1] ?? Infinity, t.shift?.[1] ?? Infinity),
    );
    this.timed =
      customers.some((c) => c.timeWindow !== undefined) ||
      vehicleTypes.some((t) => t.maxDuration !== undefined || t.shift !== undefined) ||
      depots.some((d) => d.timeWindow !== undefined);

    this.depots = new Set(this.typeDepotLocation).size;
    this.orderFree = !this.timed && this.pickup.every((amount) => amount === 0);

    const slotTypes: number[] = [];
    this.slotsOfType = vehicleTypes.map((type, t) => {
      const slots: number[] = [];
      for (let k = 0; k < Math.min(type.count, Math.max(n, 1)); k++) {
        slots.push(slotTypes.length);
        slotTypes.push(t);
      }
      return slots;
    });
    this.slotType = Int32Array.from(slotTypes);

    if (source.coordinates) {
      const at = source.coordinates;
      this.customerX = Float64Array.from(customers, (c) => at[c.location].x);
      this.customerY = Float64Array.from(customers, (c) => at[c.location].y);
      this.typeDepotX = Float64Array.from(this.typeDepotLocation, (l) => at[l].x);
      this.typeDepotY = Float64Array.from(this.typeDepotLocation, (l) => at[l].y);
      const types = vehicleTypes.length;
      this.bearing = new Int32Array(n * types);
      for (let c = 0; c < n; c++) {
        for (let t = 0; t < types; t++) {
          const turn = Math.atan2(
            this.customerY[c] - this.typeDepotY[t],
            this.customerX[c] - this.typeDepotX[t],
          );
          this.bearing[c * types + t] =
            (Math.round((turn / (2 * Math.PI)) * 65536) + 65536) % 65536;
        }
      }
    }
    this.neighbours = this.nearestCustomers();
  }

  get slotCount(): number {
    return this.slotType.length;
  }

  /** Loads above the depots' supply, summed; `depotLoad` holds each depot's loads per dimension. */
  supplyExcess(depotLoad: Float64Array): number {
    let excess = 0;
    for (let k = 0; k < depotLoad.length; k++) {
      const over = depotLoad[k] - this.depotSupply[k];
      if (over > 0) excess += over;
    }
    return excess;
  }

  travel(fromLocation: number, toLocation: number): number {
    return this.distance[fromLocation * this.locationCount + toLocation];
  }

  /**
   * Vidal et al.'s correlation: distance, plus the waiting and the lateness that visiting `j`
   * right after `i` would cause. Lists are made symmetric so a move is seen from both ends.
   */
  private nearestCustomers(): Int32Array[] {
    const n = this.customerCount;
    const size = this.locationCount;
    const lists: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
    const keep = Math.min(GRANULARITY, n - 1);
    const proximity = new Float64Array(n);
    const order = Array.from({ length: n }, (_, j) => j);
    for (let i = 0; i < n; i++) {
      const li = this.location[i];
      for (let j = 0; j < n; j++) {
        if (j === i) {
          proximity[j] = Infinity;
          continue;
        }
        const lj = this.location[j];
        const travelTime = this.duration[li * size + lj];
        const waiting = this.earliest[j] - this.serviceTime[i] - travelTime - this.latest[i];
        const lateness = this.earliest[i] + this.serviceTime[i] + travelTime - this.latest[j];
        proximity[j] =
          this.distance[li * size + lj] +
          (Number.isFinite(waiting) ? WAITING_WEIGHT * Math.max(0, waiting) : 0) +
          (Number.isFinite(lateness) ? LATENESS_WEIGHT * Math.max(0, lateness) : 0);
      }
      order.sort((a, b) => proximity[a] - proximity[b] || a - b);
      for (let k = 0; k < keep; k++) {
        lists[i].add(order[k]);
        lists[order[k]].add(i);
      }
    }
    return lists.map((set) => Int32Array.from([...set].sort((a, b) => a - b)));
  }
}

function flatten(matrix: number[][]): Float64Array {
  const size = matrix.length;
  const flat = new Float64Array(size * size);
  for (let a = 0; a < size; a++) flat.set(matrix[a], a * size);
  return flat;
}
