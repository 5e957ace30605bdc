import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  databaseUrlNamed,
  onMaintenanceDatabase,
  quoteIdentifier as quote,
  testDatabaseUrl,
} from '../libs/config/src/testing/scratch-database';

/**
 * Every test run gets an empty database of its own (`<test database>_run_<8 hex>`), so a run
 * neither depends on what earlier runs left nor collides with another run going on at the same
 * time. The run holds a session on its database from here to the global teardown, so that other
 * runs can tell it is alive even before any test has connected. Databases left by runs that
 * ended without cleaning up are dropped here: a run database nobody is connected to, and the
 * scratch databases (`<run database>_<label>_<hex>`) of runs that are not alive.
 */
export default async function createRunDatabase(): Promise<void> {
  const base = new URL(testDatabaseUrl());
  const baseName = decodeURIComponent(base.pathname.slice(1));
  const runPrefix = `${baseName}_run_`;
  const runName = `${runPrefix}${randomBytes(4).toString('hex')}`;
  const runOf = (datname: string) => datname.slice(0, runPrefix.length + 8);

  await onMaintenanceDatabase(base, async (client) => {
    const pattern = `${baseName.replace(/[\\_%]/g, '\\$&')}\\_run\\_%`;
    const { rows } = await client.query<{ datname: string; sessions: number }>(
      `SELECT d.datname, (SELECT count(*) FROM pg_stat_activity a WHERE a.datname = d.datname)::int AS sessions
         FROM pg_database d WHERE d.datname LIKE $1`,
      [pattern],
    );
    const alive = new Set(
      rows
        .filter((row) => row.datname === runOf(row.datname) && row.sessions > 0)
        .map((row) => row.datname),
    );
    for (const { datname } of rows) {
      if (alive.has(runOf(datname))) continue;
      await client.query(`DROP DATABASE ${quote(datname)}`).catch(() => undefined); // in use
    }
    await client.query(`CREATE DATABASE ${quote(runName)}`);
  });

  const url = databaseUrlNamed(base, runName);
  const holder = new Client({ connectionString: url, application_name: 'oxyledger-test-run' });
  holder.on('error', () => undefined); // the teardown's forced drop may end it first
  await holder.connect();
  runHolders().set(runName, holder);

  process.env.TEST_DATABASE_URL = url;
  process.env.OXYLEDGER_TEST_RUN_DATABASE = runName;
}

/** The sessions this process holds on its runs' databases (jest's setup and teardown share globals). */
export function runHolders(): Map<string, Client> {
  const shared = globalThis as { oxyledgerRunHolders?: Map<string, Client> };
  shared.oxyledgerRunHolders ??= new Map();
  return shared.oxyledgerRunHolders;
}
