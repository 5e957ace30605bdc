import {
  onMaintenanceDatabase,
  quoteIdentifier as quote,
} from '../libs/config/src/testing/scratch-database';
import { runHolders } from './jest-global-setup';

/** Lets go of this run's database and drops it. */
export default async function dropRunDatabase(): Promise<void> {
  const runName = process.env.OXYLEDGER_TEST_RUN_DATABASE;
  const url = process.env.TEST_DATABASE_URL;
  if (!runName || !url) return;
  const holder = runHolders().get(runName);
  runHolders().delete(runName);
  await holder?.end().catch(() => undefined);
  await onMaintenanceDatabase(url, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quote(runName)} WITH (FORCE)`).then(() => undefined),
  );
}
