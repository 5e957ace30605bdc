import {
  onMaintenanceDatabase,
  quoteIdentifier as quote,
} from '../libs/config/src/testing/scratch-database';

/** Drops this run's database. */
export default async function dropRunDatabase(): Promise<void> {
  const runName = process.env.OXYLEDGER_TEST_RUN_DATABASE;
  const url = process.env.TEST_DATABASE_URL;
  if (!runName || !url) return;
  await onMaintenanceDatabase(url, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quote(runName)} WITH (FORCE)`).then(() => undefined),
  );
}
