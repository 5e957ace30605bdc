import type { TripRecord } from './trips.projection';

/** What a truck took on and gave back, cylinder by cylinder. */
export interface TripReconciliation {
  tripId: string;
  status: string;
  loaded: number;
  delivered: number;
  collected: number;
  unloaded: number;
  /** Loaded or collected, and neither delivered nor unloaded. */
  unaccounted: string[];
  /** Of those, the ones declared missing when the trip was completed. */
  declaredMissing: string[];
  /** A completed trip with cylinders unaccounted for needs someone to look. */
  flagged: boolean;
}

/**
 * Truck reconciliation: everything that came on the truck (loaded at the origin, collected at
 * stops) must have come off it (delivered at a stop, unloaded at a plant or depot). What did
 * not is unaccounted for; once the trip is completed that is flagged.
 */
export function reconcileTrip(record: TripRecord): TripReconciliation {
  const cameOn = [
    ...record.loaded.map((cylinder) => cylinder.serial),
    ...record.stops.flatMap((stop) => stop.collected.map((cylinder) => cylinder.serial)),
  ];
  const cameOff = new Set([
    ...record.stops.flatMap((stop) => stop.delivered),
    ...record.unloaded.flatMap((unload) => unload.serials),
  ]);
  const unaccounted = [...new Set(cameOn)].filter((serial) => !cameOff.has(serial)).sort();
  const missing = new Set(record.state.status === 'NOT_CREATED' ? [] : record.state.missingSerials);
  const status = record.state.status;
  return {
    tripId: record.tripId,
    status,
    loaded: record.loaded.length,
    delivered: record.stops.reduce((sum, stop) => sum + stop.delivered.length, 0),
    collected: record.stops.reduce((sum, stop) => sum + stop.collected.length, 0),
    unloaded: record.unloaded.reduce((sum, unload) => sum + unload.serials.length, 0),
    unaccounted,
    declaredMissing: unaccounted.filter((serial) => missing.has(serial)),
    flagged: status === 'COMPLETED' && unaccounted.length > 0,
  };
}
