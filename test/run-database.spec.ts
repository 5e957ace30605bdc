import { randomBytes } from 'node:crypto';
import {
  createScratchDatabase,
  databaseUrlNamed,
  onMaintenanceDatabase,
  testDatabaseUrl,
} from '../libs/config/src/testing/scratch-database';
import createRunDatabase from './jest-global-setup';
import dropRunDatabase from './jest-global-teardown';

/**
 * Test runs share one PostgreSQL server: a run starting up must clear what crashed runs left,
 * and never a live run's databases — even one that has created its database and whose tests
 * have not connected yet. The runs here use a base name of their own, not this run's.
 */
describe('test run databases on a shared server', () => {
  const saved = {
    url: process.env.TEST_DATABASE_URL,
    run: process.env.OXYLEDGER_TEST_RUN_DATABASE,
  };
  const base = databaseUrlNamed(
    testDatabaseUrl(),
    `oxyledger_runcheck_${randomBytes(3).toString('hex')}`,
  );

  afterAll(async () => {
    process.env.TEST_DATABASE_URL = saved.url;
    process.env.OXYLEDGER_TEST_RUN_DATABASE = saved.run;
    await onMaintenanceDatabase(base, async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${new URL(base).pathname.slice(1)}%`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    });
  });

  async function startRun(): Promise<{ name: string; url: string }> {
    process.env.TEST_DATABASE_URL = base;
    await createRunDatabase();
    return { name: process.env.OXYLEDGER_TEST_RUN_DATABASE!, url: process.env.TEST_DATABASE_URL };
  }

  async function endRun(run: { name: string; url: string }): Promise<void> {
    process.env.TEST_DATABASE_URL = run.url;
    process.env.OXYLEDGER_TEST_RUN_DATABASE = run.name;
    await dropRunDatabase();
  }

  async function scratchOf(run: { url: string }): Promise<string> {
    process.env.TEST_DATABASE_URL = run.url;
    return (await createScratchDatabase('left')).name;
  }

  const databases = () =>
    onMaintenanceDatabase(base, async (client) => {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
      return new Set(rows.map((row) => row.datname));
    });

  it("keeps a live run's databases that no test has connected to yet", async () => {
    const first = await startRun();
    const firstScratch = await scratchOf(first);

    const second = await startRun();

    const present = await databases();
    expect(present.has(first.name)).toBe(true);
    expect(present.has(firstScratch)).toBe(true);
    await endRun(second);
    await endRun(first);
    expect((await databases()).has(first.name)).toBe(false);
  });

  it('drops what an ended run left behind', async () => {
    const crashed = await startRun();
    const leftScratch = await scratchOf(crashed);
    await endRun(crashed); // drops the run database only, as a crash mid-test would leave it

    const next = await startRun();

    const present = await databases();
    expect(present.has(leftScratch)).toBe(false);
    expect(present.has(next.name)).toBe(true);
    await endRun(next);
  });
});
