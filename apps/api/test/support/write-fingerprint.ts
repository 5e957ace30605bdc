import type { DataSource } from 'typeorm';

/** Tables that change on reads or logins, not on commands. */
const NOT_WRITES = new Set(['refresh_tokens', 'idempotency_keys', 'migrations']);

/**
 * Everything a command could have written: the ledger's last position and event count, and the
 * row count of every table of the `app` and read-model schemas. Equal fingerprints before and
 * after a refused request mean it wrote nothing.
 */
export async function writeFingerprint(dataSource: DataSource): Promise<string> {
  let query = queries.get(dataSource);
  if (!query) {
    query = await fingerprintQuery(dataSource);
    queries.set(dataSource, query);
  }
  return JSON.stringify(await dataSource.query(query));
}

const queries = new WeakMap<DataSource, string>();

async function fingerprintQuery(dataSource: DataSource): Promise<string> {
  const tables = (await dataSource.query(
    `SELECT table_schema, table_name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1, 2`,
  )) as { table_schema: string; table_name: string }[];
  const counted = tables.filter((table) => !NOT_WRITES.has(table.table_name));
  return counted
    .map(
      (table) =>
        `SELECT '${table.table_schema}.${table.table_name}' AS t, count(*)::bigint AS n FROM "${table.table_schema}"."${table.table_name}"`,
    )
    .join(' UNION ALL ');
}
