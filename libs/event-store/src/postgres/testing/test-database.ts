import { Client } from 'pg';

const DEFAULT_TEST_URL = 'postgres://postgres@127.0.0.1:5432/oxyledger_test';

/**
 * The database tests run against: TEST_DATABASE_URL, or `oxyledger_test` on the local server.
 * Created if missing; never the application's own database.
 */
export async function testDatabaseUrl(): Promise<string> {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_URL;
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) {
      await client
        .query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42P04') throw error; // created meanwhile by another process
        });
    }
  } finally {
    await client.end();
  }
  return url;
}
