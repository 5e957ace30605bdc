import type { DataSource } from 'typeorm';

/**
 * Hospitals with an urgent-supply help request still open (not resolved or closed): the refill
 * planner serves them first.
 */
export async function hospitalsAskingForUrgentSupply(
  dataSource: DataSource,
  facilityIds: readonly string[],
): Promise<Set<string>> {
  if (facilityIds.length === 0) return new Set();
  const rows = (await dataSource.query(
    `SELECT DISTINCT facility_id FROM app.help_requests
      WHERE category = 'urgent-supply' AND status NOT IN ('resolved', 'closed')
        AND facility_id = ANY($1)`,
    [[...facilityIds]],
  )) as { facility_id: string }[];
  return new Set(rows.map((row) => row.facility_id));
}
