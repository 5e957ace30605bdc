import type { CylindersBySize } from '@oxyledger/domain';
import { isOpenTripSql } from '../trips/open-trips.sql';

/** Anything that runs SQL: a DataSource, an EntityManager or a transaction. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A trip created by approving a route plan and not completed yet, with what its route carries. */
export interface OpenPlannedTrip {
  tripId: string;
  planId: string;
  /** `PLANNED` also while the trips projection has not yet applied the approval. */
  status: string;
  originFacilityId: string;
  /** Full cylinders it loads at its origin. */
  loadAtOrigin: CylindersBySize;
  /** Stops not served yet, with the full cylinders planned for each. */
  stopsToServe: { facilityId: string; deliver: CylindersBySize }[];
}

/**
 * The trips of approved route plans that are still out or still to leave. What their routes
 * deliver is already on its way to the hospitals, and what they will load is already spoken for
 * at their plant: a later plan must count both, or it would send the same oxygen twice.
 */
export async function openPlannedTrips(db: Queryable): Promise<OpenPlannedTrip[]> {
  const rows = (await db.query(
    `SELECT p.plan_id, t.ref->>'tripId' AS trip_id, t.ref->>'routeId' AS route_id,
            coalesce(tr.status, 'PLANNED') AS status,
            coalesce(tr.record->'stops', '[]'::jsonb) AS served,
            r.route
       FROM app.route_plans p
       CROSS JOIN LATERAL jsonb_array_elements(p.record->'trips') AS t(ref)
       CROSS JOIN LATERAL (
         SELECT route FROM jsonb_array_elements(p.record->'routes') AS route
          WHERE route->>'routeId' = t.ref->>'routeId') AS r
       LEFT JOIN app.trips tr ON tr.trip_id = t.ref->>'tripId'
      WHERE p.status = 'approved' AND ${isOpenTripSql("coalesce(tr.status, 'PLANNED')")}`,
  )) as {
    plan_id: string;
    trip_id: string;
    status: string;
    served: { facilityId: string; completed: boolean }[];
    route: {
      originFacilityId: string;
      loadAtOrigin: CylindersBySize;
      stops: { facilityId: string; deliver: CylindersBySize }[];
    };
  }[];
  return rows.map((row) => {
    const done = new Set(row.served.filter((s) => s.completed).map((s) => s.facilityId));
    return {
      tripId: row.trip_id,
      planId: row.plan_id,
      status: row.status,
      originFacilityId: row.route.originFacilityId,
      loadAtOrigin: row.route.loadAtOrigin,
      stopsToServe: row.route.stops
        .filter((stop) => !done.has(stop.facilityId))
        .map((stop) => ({ facilityId: stop.facilityId, deliver: stop.deliver })),
    };
  });
}

/** Full cylinders per plant and size that planned trips have yet to load. */
export function committedAtPlants(trips: readonly OpenPlannedTrip[]): Map<string, CylindersBySize> {
  const committed = new Map<string, CylindersBySize>();
  for (const trip of trips.filter((t) => t.status === 'PLANNED')) {
    const held = committed.get(trip.originFacilityId) ?? {};
    for (const [code, n] of Object.entries(trip.loadAtOrigin)) held[code] = (held[code] ?? 0) + n;
    committed.set(trip.originFacilityId, held);
  }
  return committed;
}
