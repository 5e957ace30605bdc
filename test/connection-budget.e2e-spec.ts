import { randomUUID } from 'node:crypto';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { Client } from 'pg';
import { type AppProcess, startApp } from './support/app-process';

/** The most PostgreSQL connections an idle process may hold (README: the connection budget). */
const IDLE_BUDGET = 10;

/**
 * An idle api that runs everything (read models, planner, demo seed) holds at most 10
 * connections; three such processes used to exhaust a default server (max_connections 100).
 */
describe('the connection budget', () => {
  let database: ScratchDatabase;
  let api: AppProcess | undefined;

  beforeAll(async () => {
    database = await createScratchDatabase('budget');
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  }, 60_000);

  it(`holds at most ${IDLE_BUDGET} PostgreSQL connections once idle`, async () => {
    api = startApp('api', 'apps/api/src/main.ts', {
      PORT: '0',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `h17a-budget-${randomUUID().slice(0, 8)}`,
      DEMO_SEED: 'true',
    });
    await api.waitFor(() => api!.output.join('').includes('Demo network seeded'));
    // the seed's follow-ups (projections, supply levels, a planning run), then pools go idle (10 s)
    await api.waitFor(() => api!.output.join('').includes('Planning run'));
    await new Promise((resolve) => setTimeout(resolve, 15_000));

    const db = new Client({ connectionString: database.url, application_name: 'budget-probe' });
    await db.connect();
    try {
      let most: { total: number; byApplication: Record<string, number> } = {
        total: 0,
        byApplication: {},
      };
      for (let sample = 0; sample < 10; sample++) {
        const { rows } = await db.query<{ application_name: string; count: string }>(
          `SELECT application_name, count(*) FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()
           GROUP BY application_name`,
        );
        const byApplication = Object.fromEntries(
          rows.map((row) => [row.application_name, Number(row.count)]),
        );
        const total = rows.reduce((sum, row) => sum + Number(row.count), 0);
        if (total > most.total) most = { total, byApplication };
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      console.log(`Idle api: ${most.total} connections`, most.byApplication);
      expect(most.total).toBeGreaterThan(0);
      expect(most.total).toBeLessThanOrEqual(IDLE_BUDGET);
    } finally {
      await db.end();
    }
  }, 300_000);
});
