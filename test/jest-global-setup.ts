import { randomBytes } from 'node:crypto';
import {
  databaseUrlNamed,
  onMaintenanceDatabase,
  quoteIdentifier as quote,
  testDatabaseUrl,
} from '../libs/config/src/testing/scratch-database';

/**
 * Every test run gets an empty database of its own (`<test database>_run_<random>`), so a run
 * neither depends on what earlier runs left nor collides with another run going on at the same
 * time. Databases of runs that ended without cleaning up are dropped here: those nobody is
 * connected to.
 */
export default async function createRunDatabase(): Promise<void> {
  const base = new URL(testDatabaseUrl());
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

  process.env.TEST_DATABASE_URL = databaseUrlNamed(base, runName);
  process.env.OXYLEDGER_TEST_RUN_DATABASE = runName;
}
