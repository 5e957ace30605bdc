import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { Client } from 'pg';
import { type AppProcess, listeningPort, startApp } from './support/app-process';
import { readModelsBesideLedger } from './support/read-models-agree';

interface Outcome {
  serial: string;
  final: number | 'connection-error';
  attempts: number;
}

/**
 * The api killed with SIGKILL under keyed load, and started again on the same database and
 * port. Every client retries each request with its Idempotency-Key until a final answer, as a
 * phone app would: the requests in flight at the kill (acknowledged or not) each end with
 * exactly one effect, and the read models agree with the ledger.
 */
describe('the api killed with SIGKILL under keyed load', () => {
  const port = 42_050 + Math.floor(Math.random() * 50);
  const base = `http://127.0.0.1:${port}/api/v1`;
  let database: ScratchDatabase;
  let api: AppProcess | undefined;
  const logs: string[] = [];
  const env = () => ({
    PORT: String(port),
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `s18a-apikill-${randomUUID().slice(0, 8)}`,
    RUN_PLANNER: 'false',
    DEMO_SEED: 'true',
    DATABASE_POOL_MAX: '4',
    EVENT_STORE_POOL_MAX: '6',
  });

  beforeAll(async () => {
    database = await createScratchDatabase('api_kill');
    api = startApp('api', 'apps/api/src/main.ts', env());
    await listeningPort(api);
    await api.waitFor(() => api!.output.join('').includes('Demo network seeded'));
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
    mkdirSync('test-output', { recursive: true });
    writeFileSync(
      'test-output/api-sigkill-fault.api.log',
      [...logs, api?.output.join('') ?? ''].join('\n--- restarted ---\n'),
    );
    await database?.drop();
  }, 60_000);

  const call = async (path: string, init: RequestInit = {}) => {
    try {
      const response = await fetch(`${base}${path}`, init);
      const text = await response.text();
      return {
        status: response.status as number | 'connection-error',
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
    } catch {
      return { status: 'connection-error' as const, body: {} };
    }
  };

  it('ends every keyed request with exactly one effect after a restart', async () => {
    const login = await call('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'producer', password: 'oxyledger-demo' }),
    });
    const { accessToken, user } = login.body as {
      accessToken: string;
      user: { facilityId: string };
    };
    const register = (key: string, serial: string) =>
      call('/cylinders', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${accessToken}`,
          'Idempotency-Key': key,
        },
        body: JSON.stringify({
          facilityId: user.facilityId,
          cylinders: [
            {
              serial,
              sizeCode: 'J',
              ownerId: 'rafidain-oxygen',
              gasGrade: 'oxygen-93',
              manufactureDate: '2022-01-10',
              lastTestDate: '2024-01-10',
            },
          ],
        }),
      });

    const outcomes: Outcome[] = [];
    let stop = false;
    const client = async (index: number) => {
      for (let n = 0; !stop; n++) {
        const key = randomUUID();
        const serial = `KILL-${index}-${n}-${key.slice(0, 6)}`.toUpperCase();
        let answer = await register(key, serial);
        let attempts = 1;
        // retry what has no final answer: no answer, a 5xx, or the key still held (Retry-After)
        const pending = () =>
          answer.status === 'connection-error' ||
          answer.status >= 500 ||
          (answer.status === 409 && answer.body.error === 'idempotency.in-progress');
        while (pending()) {
          if (attempts > 600) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
          answer = await register(key, serial);
          attempts++;
        }
        outcomes.push({ serial, final: answer.status, attempts });
      }
    };
    const clients = Array.from({ length: 4 }, (_, index) => client(index));

    await api!.waitFor(() => outcomes.length >= 20, 60_000);
    api!.child.kill('SIGKILL');
    expect((await api!.exited).signal).toBe('SIGKILL');
    logs.push(api!.output.join(''));
    const killedAt = outcomes.length;
    api = startApp('api', 'apps/api/src/main.ts', env());
    await api.waitFor(
      () => outcomes.filter((o, i) => i >= killedAt && o.final === 201).length >= 20,
      180_000,
    );
    stop = true;
    await Promise.all(clients);

    // Some request was cut off by the kill and retried into the new process
    expect(outcomes.some((o) => o.attempts > 1)).toBe(true);
    // Every key ends acknowledged, a retry of a recorded command with its original 201
    expect(outcomes.filter((o) => o.final !== 201)).toEqual([]);
    // and recorded exactly once
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const registered = await db.query<{ stream_name: string; n: string }>(
        `SELECT stream_name, count(*) AS n FROM ledger.events
         WHERE event_type = 'CylinderRegistered' AND stream_name LIKE 'cylinder-KILL-%'
         GROUP BY stream_name`,
      );
      const counts = new Map(registered.rows.map((r) => [r.stream_name, Number(r.n)]));
      for (const o of outcomes)
        expect([o.serial, counts.get(`cylinder-${o.serial}`)]).toEqual([o.serial, 1]);
      expect(counts.size).toBe(outcomes.length);
    } finally {
      await db.end();
    }

    const { expected, actual } = await readModelsBesideLedger(database.url, 60_000);
    expect(actual).toEqual(expected);
  }, 360_000);
});
