import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Test databases on the real PostgreSQL server. `testDatabaseUrl()` is this jest run's own
 * database (made by test/jest-global-setup.ts); a scratch database is a fresh, empty one for a
 * test that must see only its own data. Never the application's database.
 */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oxyledger_test';
}

/** The same server as `url`, another database. */
export function databaseUrlNamed(url: string | URL, database: string): string {
  const named = new URL(url);
  named.pathname = `/${database}`;
  return named.toString();
}

export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** Runs `work` on the server's `postgres` database (to create or drop others). */
export async function onMaintenanceDatabase<T>(
  url: string | URL,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrlNamed(url, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * An empty database beside the run's own; its name starts with the run database's, so one left
 * behind by a crashed run is dropped by the next run's global setup.
 */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const base = new URL(testDatabaseUrl());
  const name = `${decodeURIComponent(base.pathname.slice(1))}_${label}_${randomBytes(4).toString('hex')}`;
  await onMaintenanceDatabase(base, (client) =>
    client.query(`CREATE DATABASE ${quoteIdentifier(name)}`),
  );
  return {
    name,
    url: databaseUrlNamed(base, name),
    drop: () =>
      onMaintenanceDatabase(base, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      }),
  };
}
