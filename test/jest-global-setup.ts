import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Every test run gets an empty database of its own (`<test database>_run_<random>`), so a run
 * neither depends on what earlier runs left nor collides with another run going on at the same
 * time. Databases of runs that ended without cleaning up are dropped here: those nobody is
 * connected to.
 */
export default async function createRunDatabase(): Promise<void> {
  const base = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oxyledger_test',
  );
  const baseName = decodeURIComponent(base.pathname.slice(1));
  const runName = `${baseName}_run_${randomBytes(4).toString('hex')}`;

  await onMaintenanceDatabase(base, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${baseName}\\_run\\_%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE ${quote(datname)}`).catch(() => undefined); // in use
    }
    await client.query(`CREATE DATABASE ${quote(runName)}`);
  });

  const run = new URL(base);
  run.pathname = `/${runName}`;
  process.env.TEST_DATABASE_URL = run.toString();
  process.env.OXYLEDGER_TEST_RUN_DATABASE = runName;
}

export async function onMaintenanceDatabase(
  url: URL,
  work: (client: Client) => Promise<void>,
): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
