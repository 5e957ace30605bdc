import { Client } from 'pg';

/**
 * Every test run starts from an empty test database, so a run neither depends on nor slows down
 * because of what earlier runs left. Only ever the test database: never the application's.
 */
export default async function dropAndCreateTestDatabase(): Promise<void> {
  const url = new URL(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oxyledger_test',
  );
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!/test/.test(database)) {
    throw new Error(
      `Refusing to reset '${database}': the test database's name must contain 'test'`,
    );
  }
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const quoted = `"${database.replace(/"/g, '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}
