import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabaseExists } from './ensure-database';

/** Runs against the real local PostgreSQL server (TEST_DATABASE_URL's server if set). */
const serverUrl = new URL(
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oxyledger_test',
);

function urlOf(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onMaintenanceDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlOf('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('ensureDatabaseExists', () => {
  const database = `oxyledger_ensure_${randomUUID().slice(0, 8)}`;

  afterAll(() =>
    onMaintenanceDatabase((client) => client.query(`DROP DATABASE IF EXISTS "${database}"`)),
  );

  it('creates a missing database, also when several processes race to do it', async () => {
    await Promise.all([1, 2, 3, 4].map(() => ensureDatabaseExists(urlOf(database))));

    const { rowCount } = await onMaintenanceDatabase((client) =>
      client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]),
    );
    expect(rowCount).toBe(1);
  });

  it('leaves an existing database alone', async () => {
    await expect(ensureDatabaseExists(urlOf(database))).resolves.toBeUndefined();
  });

  it('reports any other failure, naming the server', async () => {
    const unreachable = new URL(urlOf(database));
    unreachable.port = '1'; // nothing listens there
    await expect(ensureDatabaseExists(unreachable.toString())).rejects.toThrow(
      /^Cannot connect to PostgreSQL at .*127.0.0.1:1\/oxyledger_ensure_.*ECONNREFUSED/,
    );
  });
});
