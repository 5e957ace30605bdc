import { Client } from 'pg';

/** Where the bench writes: BENCH_DATABASE_URL, or `oxyledger_bench` on the local server. */
export const DEFAULT_BENCH_URL = 'postgres://postgres@127.0.0.1:5432/oxyledger_bench';

function adminUrl(url: string): { admin: string; database: string } {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  return { admin: target.toString(), database };
}

/**
 * Drops and recreates the bench database so every run starts from the same empty state. Refuses
 * a database whose name does not say "bench": this throws away everything in it.
 */
export async function recreateDatabase(url: string): Promise<void> {
  const { admin, database } = adminUrl(url);
  if (!/bench/i.test(database)) {
    throw new Error(
      `Refusing to drop '${database}': the bench database's name must contain "bench"`,
    );
  }
  const quoted = `"${database.replace(/"/g, '""')}"`;
  await withClient(admin, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  });
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'oxyledger-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface ServerInfo {
  version: string;
  settings: Record<string, string>;
}

/** The settings that move these figures most. */
const SETTINGS = [
  'shared_buffers',
  'synchronous_commit',
  'fsync',
  'wal_level',
  'max_wal_size',
  'max_connections',
  'autovacuum',
];

export function serverInfo(url: string): Promise<ServerInfo> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string; setting: string }>(
      'SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1)',
      [SETTINGS],
    );
    const version = (
      await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    ).rows[0].v;
    return {
      version,
      settings: Object.fromEntries(rows.map((row) => [row.name, row.setting])),
    };
  });
}

/** Flushes dirty pages so no row inherits a checkpoint started by the one before. */
export function checkpoint(url: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query('CHECKPOINT');
  });
}

/** Sets hint bits and statistics on freshly written events, as autovacuum would. */
export function vacuumLedger(url: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query('VACUUM (ANALYZE) ledger.events, ledger.streams');
  });
}
