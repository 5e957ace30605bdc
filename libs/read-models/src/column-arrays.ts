/**
 * Rows as one array per column, for `INSERT … SELECT * FROM unnest($1::text[], $2::int[], …)`:
 * PostgreSQL parses typed arrays faster than a JSON document of records (about a third less
 * time per row than `jsonb_to_recordset` for the projections' bulk upserts).
 */
export function columnArrays<Row, Key extends keyof Row>(
  rows: readonly Row[],
  keys: readonly Key[],
): Row[Key][][] {
  return keys.map((key) => rows.map((row) => row[key]));
}
