import { randomUUID } from 'node:crypto';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { NATIONAL_REGION, PLANNING_JOB_NAME, REFILL_PLANNING_QUEUE } from '@oxyledger/planner';
import { PLANNING_LOCK_NAMESPACE } from '@oxyledger/planner';
import { type AppProcess, startApp } from './support/app-process';

const GRACE_MS = 10_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * SIGTERM to the projector and the planner: each finishes what it holds (the planner its
 * running job), frees its advisory locks and connections, and exits 0 within the grace period.
 */
describe('projector and planner on SIGTERM', () => {
  let database: ScratchDatabase;
  const prefix = `h17a-followers-${randomUUID().slice(0, 8)}`;
  const apps: AppProcess[] = [];
  let db: Client;

  beforeAll(async () => {
    database = await createScratchDatabase('followers');
    db = new Client({ connectionString: database.url, application_name: 'shutdown-probe' });
    await db.connect();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await db?.end();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await database?.drop();
  }, 60_000);

  const start = (name: 'projector' | 'planner') => {
    const app = startApp(name, `apps/${name}/src/main.ts`, {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    apps.push(app);
    return app;
  };

  const advisoryLocksOf = async (pid: number) => {
    const { rows } = await db.query<{ count: string }>(
      `SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE '%:' || $1`,
      [String(pid)],
    );
    return Number(rows[0].count);
  };

  it('the projector stops its projections, frees their locks and exits 0', async () => {
    const projector = start('projector');
    await projector.waitFor(() => projector.output.join('').includes("'cylinders' running in"));
    await projector.waitFor(async () => (await advisoryLocksOf(projector.child.pid!)) > 0);

    const sigtermAt = Date.now();
    projector.child.kill('SIGTERM');
    const exit = await projector.exited;

    expect(exit.code).toBe(0);
    expect(exit.at - sigtermAt).toBeLessThan(GRACE_MS);
    expect(await advisoryLocksOf(projector.child.pid!)).toBe(0);
    // every line JSON (pino), the last ones included
    const lines = projector.output.join('').trim().split('\n');
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([]);
    // it said why it stopped (exit code 0 above is only reached once everything closed)
    expect(lines.some((line) => line.includes('SIGTERM: stopping'))).toBe(true);
  }, 240_000);

  it('the planner finishes the job it holds, leaves it unlocked, and exits 0', async () => {
    const planner = start('planner');
    await planner.waitFor(() => planner.output.join('').includes('Planning worker started'));
    const queue = new Queue(REFILL_PLANNING_QUEUE, {
      connection: { url: REDIS_URL },
      prefix,
    });
    // Given a job held in the middle of its run: this test holds the region's lock
    const regionLock = new Client({ connectionString: database.url });
    await regionLock.connect();
    try {
      await regionLock.query('SELECT pg_advisory_lock($1, hashtext($2))', [
        PLANNING_LOCK_NAMESPACE,
        NATIONAL_REGION,
      ]);
      const job = await queue.add(PLANNING_JOB_NAME, {
        reason: 'shutdown test',
        facilityIds: [],
        region: NATIONAL_REGION,
      });
      await planner.waitFor(async () => (await queue.getJobState(job.id!)) === 'active', 60_000);

      // When SIGTERM comes while it runs, and the run can go on a second later
      const sigtermAt = Date.now();
      planner.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(planner.child.exitCode).toBeNull(); // still finishing its job
      await regionLock.query('SELECT pg_advisory_unlock_all()');

      // Then the job completes, is not left locked, and the planner exits 0 in time
      const exit = await planner.exited;
      expect(exit.code).toBe(0);
      expect(exit.at - sigtermAt).toBeLessThan(GRACE_MS);
      expect(await queue.getJobState(job.id!)).toBe('completed');
      const redis = new Redis(REDIS_URL);
      expect(await redis.exists(`${prefix}:${REFILL_PLANNING_QUEUE}:${job.id}:lock`)).toBe(0);
      await redis.quit();
      expect(await advisoryLocksOf(planner.child.pid!)).toBe(0);
    } finally {
      await regionLock.end();
      await queue.close();
    }
  }, 240_000);
});
