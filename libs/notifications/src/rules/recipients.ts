import type { EntityManager } from 'typeorm';
import type { Audience } from './notification-rules';

/**
 * The active users an audience names, among those who existed when the event was recorded. Dispatchers: a national one (no supplier) is in scope of
 * everything; a supplier's dispatcher of what concerns that supplier (the owner of a facility,
 * the fleet of a trip), and of every hospital's supply, which they all watch.
 */
export async function recipientsOf(
  audience: Audience,
  recordedAt: Date,
  db: EntityManager,
): Promise<string[]> {
  let dispatchers: 'none' | 'all' | string[] = 'none';
  if (audience.dispatchers) dispatchers = audience.dispatchers.suppliers;
  const suppliers: string[] = [];
  if (audience.dispatchersOfFacilities) {
    const rows = (await db.query(
      'SELECT DISTINCT supplier_id FROM app.facilities WHERE id = ANY($1) AND supplier_id IS NOT NULL',
      [audience.dispatchersOfFacilities],
    )) as { supplier_id: string }[];
    suppliers.push(...rows.map((r) => r.supplier_id));
  }
  if (audience.dispatchersOfTrip) {
    const rows = (await db.query(
      `SELECT v.supplier_id FROM app.trips t JOIN app.vehicles v ON v.id = t.vehicle_id
       WHERE t.trip_id = $1`,
      [audience.dispatchersOfTrip],
    )) as { supplier_id: string }[];
    suppliers.push(...rows.map((r) => r.supplier_id));
  }
  if (audience.dispatchersOfFacilities || audience.dispatchersOfTrip) {
    dispatchers =
      dispatchers === 'all'
        ? 'all'
        : [...(dispatchers === 'none' ? [] : dispatchers), ...suppliers];
  }
  const rows = (await db.query(
    `SELECT id::text AS id FROM app.users
     WHERE active AND created_at <= $6 AND (
       id::text = ANY($1)
       OR (role IN ('hospital', 'producer') AND facility_id = ANY($2))
       OR (role = 'dispatcher' AND $3 AND ($4 OR supplier_id IS NULL OR supplier_id = ANY($5)))
     )
     ORDER BY id`,
    [
      audience.users ?? [],
      audience.facilityUsers ?? [],
      dispatchers !== 'none',
      dispatchers === 'all',
      Array.isArray(dispatchers) ? dispatchers : [],
      recordedAt,
    ],
  )) as { id: string }[];
  return rows.map((r) => r.id).filter((id) => id !== audience.except);
}
