import {
  type CylinderSizeCatalog,
  type CylinderState,
  cylinderLocation,
  isRegistered,
} from '@oxyledger/domain';

/** Statuses counted in stock. Condemned cylinders have left the fleet and are not. */
export const STOCK_STATUSES = [
  'FULL',
  'IN_USE',
  'EMPTY',
  'IN_TRANSIT',
  'QUARANTINED',
  'LOST',
] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];

/** Where one cylinder counts in stock: a facility or a trip, its owner, size and status. */
export interface StockBucket {
  locationKind: 'facility' | 'trip';
  locationId: string;
  ownerId: string;
  sizeCode: string;
  status: StockStatus;
  /** Oxygen it holds for patients: a full cylinder's content (at rest or on a truck), else 0. */
  oxygenLitres: number;
}

/**
 * The stock bucket a cylinder in `state` counts in, or `null` when it counts nowhere (not
 * registered, condemned). A lost cylinder counts as LOST where it was last seen, so every
 * cylinder not condemned is counted exactly once.
 */
export function stockBucketOf(
  state: CylinderState,
  sizes: CylinderSizeCatalog,
): StockBucket | null {
  if (!isRegistered(state) || state.status === 'CONDEMNED') return null;
  const location = cylinderLocation(state);
  if (!location) return null;
  const full = state.status === 'FULL' || (state.status === 'IN_TRANSIT' && state.load === 'full');
  return {
    locationKind: location.kind,
    locationId: location.kind === 'facility' ? location.facilityId : location.tripId,
    ownerId: state.ownerId,
    sizeCode: state.sizeCode,
    status: state.status,
    oxygenLitres: full && sizes.has(state.sizeCode) ? sizes.oxygenLitres(state.sizeCode) : 0,
  };
}

export function bucketKey(bucket: StockBucket): string {
  return [
    bucket.locationKind,
    bucket.locationId,
    bucket.ownerId,
    bucket.sizeCode,
    bucket.status,
  ].join('\u0000');
}

/** Count and oxygen changes per bucket, from cylinders moving between buckets. */
export class StockDeltas {
  private readonly deltas = new Map<string, StockBucket & { count: number }>();

  move(from: StockBucket | null, to: StockBucket | null): void {
    if (from) this.add(from, -1);
    if (to) this.add(to, 1);
  }

  /** Adds another set of changes to these. */
  addAll(other: StockDeltas): void {
    for (const [key, delta] of other.deltas) {
      const sum = this.deltas.get(key);
      if (!sum) {
        this.deltas.set(key, { ...delta });
        continue;
      }
      sum.count += delta.count;
      sum.oxygenLitres += delta.oxygenLitres;
    }
  }

  /** The buckets whose count or oxygen changed. */
  changed(): (StockBucket & { count: number })[] {
    return [...this.deltas.values()].filter((d) => d.count !== 0 || d.oxygenLitres !== 0);
  }

  private add(bucket: StockBucket, sign: 1 | -1): void {
    const key = bucketKey(bucket);
    const delta = this.deltas.get(key) ?? { ...bucket, count: 0, oxygenLitres: 0 };
    delta.count += sign;
    delta.oxygenLitres += sign * bucket.oxygenLitres;
    this.deltas.set(key, delta);
  }
}
