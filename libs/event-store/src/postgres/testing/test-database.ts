import { ensureDatabaseExists } from '@oxyledger/config';
import { testDatabaseUrl as runDatabaseUrl } from '@oxyledger/config/testing/scratch-database';

/** This jest run's database (created by the global setup; created here too when run alone). */
export async function testDatabaseUrl(): Promise<string> {
  const url = runDatabaseUrl();
  await ensureDatabaseExists(url);
  return url;
}
