import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { Client } from 'pg';
import { type AppProcess, callApi, listeningPort, startApp } from './support/app-process';
import { freePort } from './support/free-port';
import { readModelsBesideLedger } from './support/read-models-agree';

/** Every 5 s: a slot is long enough for a 1 s solve of the demo network on a loaded machine. */
const SLOT_MS = 5_000;

interface ScheduledPlan {
  planId: string;
  jobId: string;
  /** The slot the job was scheduled for: the millis BullMQ puts in a scheduled job's id. */
  slot: number;
}

/**
 * Redis restarted while plans are scheduled and running, on a `redis-server` this test starts
 * itself (port 42000..42049, no persistence of its own), with the api (and its planner) as a
 * child process planning every 5 s. Twice, each time just after a scheduled run started:
 * - a restart that keeps the data (`SHUTDOWN SAVE`, started again from that file) and stays down
 *   past the next slot: the run in hand and the slot queued meanwhile each record one plan;
 * - a restart that comes back empty (SIGKILL, file removed): the run in hand records its plan
 *   once, the schedule is put back without any process restarting, and planning goes on.
 * While Redis is down the planning endpoints answer 503 with Retry-After. No slot ever has two
 * plans, and at the end the read models agree with the ledger.
 */
describe('planning through Redis restarts while plans are scheduled and running', () => {
  let redisPort: number;
  const redisDir = mkdtempSync(join(tmpdir(), 'oxyledger-redis-fault-'));
  const cli = (...args: string[]) =>
    execFileSync('redis-cli', ['-p', String(redisPort), ...args], { stdio: 'pipe' }).toString();
  let redis: ChildProcess | undefined;
  let database: ScratchDatabase;
  let api: AppProcess | undefined;
  let base = '';
  const queuePrefix = `s18a-redisfault-${randomUUID().slice(0, 8)}`;

  async function startRedis(): Promise<void> {
    redis = spawn(
      'redis-server',
      [
        '--port',
        String(redisPort),
        '--dir',
        redisDir,
        '--dbfilename',
        'dump.rdb',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    for (const deadline = Date.now() + 10_000; ;) {
      try {
        if (cli('ping').trim() === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error('redis-server did not answer');
      }
      await sleep(50);
    }
  }

  /** Stops Redis: with its data saved to be loaded again, or killed and its file removed. */
  async function stopRedis(how: 'keep data' | 'empty'): Promise<void> {
    const server = redis!;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    if (how === 'keep data') cli('shutdown', 'save');
    else server.kill('SIGKILL');
    await exited;
    redis = undefined;
    if (how === 'empty') rmSync(join(redisDir, 'dump.rdb'), { force: true });
  }

  beforeAll(async () => {
    redisPort = await freePort();
    database = await createScratchDatabase('redis_fault');
    await startRedis();
    api = startApp('api', 'apps/api/src/main.ts', {
      PORT: '0',
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      QUEUE_PREFIX: queuePrefix,
      DEMO_SEED: 'true',
      PLANNING_SCHEDULE_PATTERN: `*/${SLOT_MS / 1000} * * * * *`,
      PLANNING_SCHEDULE_CHECK_MS: '200',
      PLANNING_RETRY_DELAY_MS: '500',
      DATABASE_POOL_MAX: '4',
      EVENT_STORE_POOL_MAX: '4',
    });
    base = `http://127.0.0.1:${await listeningPort(api)}/api/v1`;
    await api.waitFor(() => api!.output.join('').includes('Demo network seeded'));
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/redis-restart-fault.api.log', api?.output.join('') ?? '');
    if (redis) await stopRedis('empty');
    rmSync(redisDir, { recursive: true, force: true });
    await database?.drop();
  }, 60_000);

  const scheduledPlans = async (): Promise<ScheduledPlan[]> => {
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ plan_id: string; job_id: string }>(
        `SELECT data->>'planId' AS plan_id, metadata->>'causationId' AS job_id
         FROM ledger.events
         WHERE event_type = 'RoutePlanProposed' AND data->>'reason' = 'schedule'
         ORDER BY global_position`,
      );
      return rows.map((row) => ({
        planId: row.plan_id,
        jobId: row.job_id,
        slot: Number(row.job_id.split(':').at(-1)),
      }));
    } finally {
      await db.end();
    }
  };

  /** The id of the scheduled job whose run starts next (from the api's log), once it starts. */
  const nextScheduledRunStart = async (): Promise<string> => {
    const seen = api!.output.length;
    return api!.waitFor(() => {
      const match = api!.output
        .slice(seen)
        .join('')
        .match(/Planning run (repeat:[^ ]+) \(schedule, [^)]*\) started/);
      return match?.[1];
    }, 30_000);
  };

  it('loses no scheduled run and doubles none, with 503 + Retry-After while Redis is away', async () => {
    const call = (path: string, init: RequestInit = {}) => callApi(base, path, init);
    const login = await call('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'dispatcher', password: 'oxyledger-demo' }),
    });
    const auth = { Authorization: `Bearer ${String(login.body.accessToken)}` };
    const planningWhileDown = async () => [
      await call('/plans', {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: '{}',
      }),
      await call('/plans/runs', { headers: auth }),
    ];
    await api!.waitFor(async () => (await scheduledPlans()).length >= 1, 60_000);

    // 1. Down (data kept) just after a scheduled run started, and past the next slot
    const inHandAtSave = await nextScheduledRunStart();
    const queue = `${queuePrefix}:refill-planning`;
    const heldAtSave = [
      ...cli('lrange', `${queue}:active`, '0', '-1').split('\n'),
      ...cli('lrange', `${queue}:wait`, '0', '-1').split('\n'),
      ...cli('zrange', `${queue}:delayed`, '0', '-1').split('\n'),
    ].filter((id) => id.startsWith('repeat:'));
    await stopRedis('keep data');
    const downWithData = await planningWhileDown();
    await sleep(SLOT_MS + 1_000);
    await startRedis();
    await api!.waitFor(async () => {
      const jobs = (await scheduledPlans()).map((plan) => plan.jobId);
      return heldAtSave.every((id) => jobs.includes(id));
    }, 60_000);

    // 2. Down (comes back empty) just after a scheduled run started
    const inHandAtKill = await nextScheduledRunStart();
    await stopRedis('empty');
    const downEmpty = await planningWhileDown();
    await sleep(2_000);
    const returnedAt = Date.now();
    await startRedis();
    await api!.waitFor(async () => {
      const plans = await scheduledPlans();
      return (
        plans.some((plan) => plan.jobId === inHandAtKill) &&
        plans.filter((plan) => plan.slot > returnedAt).length >= 2
      );
    }, 60_000);

    // The planning endpoints refused at once while Redis was away, each saying when to retry
    for (const answer of [...downWithData, ...downEmpty]) {
      expect([answer.status, answer.retryAfter]).toEqual([503, expect.stringMatching(/^\d+$/)]);
    }
    // The schedule came back by itself into the empty Redis
    expect(cli('--scan', '--pattern', '*:refill-planning:repeat:*')).toContain(
      'refill-planning-schedule',
    );
    // Every slot has at most one plan (and a job one plan), and none around the faults is missing
    const plans = await scheduledPlans();
    const perSlot = new Map<number, number>();
    for (const plan of plans) perSlot.set(plan.slot, (perSlot.get(plan.slot) ?? 0) + 1);
    expect([...perSlot].filter(([, count]) => count > 1)).toEqual([]);
    expect(new Set(plans.map((plan) => plan.planId)).size).toBe(plans.length);
    // the run in hand and the next slot, queued while Redis was saved and away, each ran once
    expect(heldAtSave).toEqual([inHandAtSave, expect.stringMatching(/^repeat:/)]);
    for (const jobId of heldAtSave) {
      expect([jobId, plans.filter((plan) => plan.jobId === jobId).length]).toEqual([jobId, 1]);
    }
    expect(plans.filter((plan) => plan.jobId === inHandAtKill)).toHaveLength(1);

    // And the read models agree with the ledger, plans included, once the projector catches up
    const { expected, actual } = await readModelsBesideLedger(database.url);
    expect(actual).toEqual(expected);
  }, 240_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
