import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { Redis } from 'ioredis';

/** Where the api serves its routes (`API_PREFIX` in apps/api/src/app.setup.ts). */
const API_BASE_PATH = '/api/v1';
const ROOT = join(__dirname, '..');

interface App {
  name: string;
  child: ChildProcess;
  output: string[];
}

/**
 * The scaled-out set-up, as three processes on one database and one Redis: the api with
 * RUN_PROJECTOR=false and RUN_PLANNER=false, apps/projector and apps/planner. The demo seed's
 * deliveries must become supply level changes (the projector's watcher) and a plan (the
 * planner, woken from those events), with each follower owned by the process that should.
 */
describe('three apps as separate processes', () => {
  let database: ScratchDatabase;
  const prefix = `oxyledger-three-${randomUUID().slice(0, 8)}`;
  const apps: App[] = [];

  function start(name: string, entry: string, env: Record<string, string>): App {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          DATABASE_URL: database.url,
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'info',
          PLANNING_TIME_LIMIT_SECONDS: '1',
          PLANNING_SOLVER_THREADS: '1',
          PLANNING_SCHEDULE_PATTERN: '0 0 1 1 *',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const app: App = { name, child, output: [] };
    child.stdout!.on('data', (chunk: Buffer) => app.output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => app.output.push(chunk.toString()));
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    database = await createScratchDatabase('three-processes');
  });

  afterAll(async () => {
    await Promise.all(
      apps.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      await redis.quit();
    }
    await database?.drop();
  }, 60_000);

  it('turns the demo deliveries into supply level changes and a plan, each follower in its own app', async () => {
    const api = start('api', 'apps/api/src/main.ts', {
      PORT: '0',
      RUN_PROJECTOR: 'false',
      RUN_PLANNER: 'false',
      DEMO_SEED: 'true',
    });
    const port = Number(
      (
        await waitFor(() => api.output.join('').match(/listening on http:\/\/localhost:(\d+)/), api)
      )[1],
    );
    const projector = start('projector', 'apps/projector/src/main.ts', {});
    const planner = start('planner', 'apps/planner/src/main.ts', {});
    const base = `http://127.0.0.1:${port}${API_BASE_PATH}`;
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${base}${path}`, init);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    // the demo seed prints its logins once it is done
    await waitFor(() => api.output.join('').includes('Demo network seeded'), api);
    const login = await call('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'dispatcher', password: 'oxyledger-demo' }),
    });
    const headers = { Authorization: `Bearer ${String(login.body.accessToken)}` };

    const plans = await waitFor(async () => {
      const { status, body } = await call('/plans', { headers });
      const items = (body.items ?? []) as { planId: string; reason: string }[];
      return status === 200 && items.length > 0 ? items : undefined;
    }, planner);
    expect(plans[0].reason).toBe('supply level changed');

    const { body } = await call('/projections', { headers });
    const owners = new Map(
      (body.projections as { name: string; owner: string | null }[]).map((p) => [p.name, p.owner]),
    );
    expect(owners.get('cylinders')).toMatch(new RegExp(`:${projector.child.pid}$`));
    expect(owners.get('supply-levels')).toMatch(new RegExp(`:${projector.child.pid}$`));
    expect(owners.get('planner-wake')).toMatch(new RegExp(`:${planner.child.pid}$`));
    expect(owners.get('notifications')).toMatch(new RegExp(`:${projector.child.pid}$`));
  }, 300_000);

  /** Polls until `found` gives something; on time-out, shows what the app printed. */
  async function waitFor<T>(
    found: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    app: App,
    timeoutMs = 240_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await found();
      if (value) return value;
      const exited = apps.find(({ child }) => child.exitCode !== null);
      if (exited || Date.now() > deadline) {
        const who = exited ?? app;
        throw new Error(
          `${exited ? `${who.name} exited` : 'timed out'}; ${who.name} printed:\n` +
            who.output.join('').slice(-3_000),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
});
