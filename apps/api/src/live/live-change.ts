import type { RecordedEvent } from '@oxyledger/event-store';
import type { ReadScope } from '../access/authorization';

/**
 * What a dashboard is told when the ledger moves: which kind of thing changed and where, never
 * the figures (the page refetches those through its own, scoped, queries).
 */
export interface LiveChange {
  kind: string;
  type: string;
  facilityIds: string[];
  tripId?: string;
  driverId?: string;
}

/** Streams named `<kind>-<id>` whose id is a facility's. */
const FACILITY_STREAMS = ['hospital-supply-', 'hospital-demand-', 'plant-'];
const KINDS = [
  'cylinder',
  'trip',
  'route-plan',
  'alert',
  'scan-conflict',
  'hospital-supply',
  'hospital-demand',
  'plant',
];

export function liveChangeOf(event: RecordedEvent): LiveChange | null {
  const kind = KINDS.find((k) => event.streamName.startsWith(`${k}-`));
  if (!kind) return null;
  const data = (event.data ?? {}) as Record<string, unknown>;
  const facilities = new Set<string>();
  for (const key of ['facilityId', 'plantId', 'originId', 'originFacilityId']) {
    if (typeof data[key] === 'string') facilities.add(data[key] as string);
  }
  if (Array.isArray(data.stops)) {
    for (const stop of data.stops as { facilityId?: unknown }[]) {
      if (typeof stop?.facilityId === 'string') facilities.add(stop.facilityId);
    }
  }
  const prefix = FACILITY_STREAMS.find((p) => event.streamName.startsWith(p));
  if (prefix) facilities.add(event.streamName.slice(prefix.length));
  const change: LiveChange = { kind, type: event.type, facilityIds: [...facilities] };
  if (typeof data.tripId === 'string') change.tripId = data.tripId;
  if (typeof data.driverId === 'string') change.driverId = data.driverId;
  return change;
}

/**
 * The read scope applied to changes: national readers (and a supplier's dispatcher, who sees
 * every hospital's supply) get every change; a hospital or plant user those at their
 * facility; a driver those of their own trips.
 */
export function isVisibleTo(
  scope: ReadScope,
  change: LiveChange,
  driverTrips: ReadonlySet<string> = new Set(),
): boolean {
  switch (scope.kind) {
    case 'national':
    case 'supplier':
      return true;
    case 'facility':
      return change.facilityIds.includes(scope.facilityId);
    case 'driver':
      return (
        change.kind === 'trip' &&
        (change.driverId === scope.driverUserId ||
          (change.tripId !== undefined && driverTrips.has(change.tripId)))
      );
  }
}
