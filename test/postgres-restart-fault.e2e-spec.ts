import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { type AppProcess, listeningPort, startApp } from './support/app-process';

const PG_VERSION = '15';

interface Outcome {
  key: string;
  serial: string;
  final: number | 'connection-error';
  retries: number;
  sawUnavailable: boolean;
}

/**
 * PostgreSQL restarted under load, on a cluster this test makes itself (port in
 * 4500..4549), with the api as a child process. While it is down the api answers 503 with
 * Retry-After; it recovers by itself; every client retries with its Idempotency-Key until a final
 * answer, and then: no acknowledged write is lost, none is recorded twice, and the read model
 * agrees with the ledger. A fault injected between the append and the stored answer is made
 * exactly-once by the same key.
 */
describe('the api through a PostgreSQL restart under load', () => {
  const port = 4500 + 1 + Math.floor(Math.random() * 48);
  const cluster = `h18b-pgfault-${randomUUID().slice(0, 8)}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:${port}/oxyledger_fault`;
  const run = (...args: string[]) => execFileSync(args[0], args.slice(1), { stdio: 'pipe' });
  let api: AppProcess | undefined;
  let base = '';

  beforeAll(async () => {
    run(
      'pg_createcluster',
      PG_VERSION,
      cluster,
      '-p',
      String(port),
      '--start',
      '--',
      '--auth=trust',
    );
    api = startApp('api', 'apps/api/src/main.ts', {
      PORT: '0',
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: `h18b-pgfault-${randomUUID().slice(0, 8)}`,
      RUN_PLANNER: 'false',
      DEMO_SEED: 'true',
      IDEMPOTENCY_TEST_FAULT: 'on-header',
      DATABASE_POOL_MAX: '4',
      EVENT_STORE_POOL_MAX: '6',
    });
    base = `http://127.0.0.1:${await listeningPort(api)}/api/v1`;
    await api.waitFor(() => api!.output.join('').includes('Demo network seeded'));
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
    mkdirSync('test-output', { recursive: true });
    writeFileSync('test-output/postgres-restart-fault.api.log', api?.output.join('') ?? '');
    try {
      run('pg_dropcluster', PG_VERSION, cluster, '--stop');
    } catch {
      // already gone
    }
  }, 60_000);

  const call = async (path: string, init: RequestInit = {}) => {
    try {
      const response = await fetch(`${base}${path}`, init);
      const text = await response.text();
      return {
        status: response.status as number | 'connection-error',
        retryAfter: response.headers.get('retry-after'),
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
    } catch {
      return { status: 'connection-error' as const, retryAfter: null, body: {} };
    }
  };

  it('answers 503 with Retry-After while down, recovers, loses and doubles nothing', async () => {
    const login = await call('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'producer', password: 'oxyledger-demo' }),
    });
    const { accessToken, user } = login.body as {
      accessToken: string;
      user: { facilityId: string };
    };
    const register = (key: string, serial: string, fault = false) =>
      call('/cylinders', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${accessToken}`,
          'Idempotency-Key': key,
          ...(fault ? { 'X-Test-Fault': 'after-effect' } : {}),
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
    const unavailable: { status: number | string; retryAfter: string | null }[] = [];
    let stop = false;
    // A client retries each key (as a phone app would) until it gets a final answer; every tenth
    // first attempt carries the fault hook, so its effect commits... or not, and the retry decides.
    const client = async (index: number) => {
      for (let n = 0; !stop; n++) {
        const key = randomUUID();
        const serial = `PGF-${index}-${n}-${key.slice(0, 6)}`.toUpperCase();
        let answer = await register(key, serial, n % 10 === 3);
        let retries = 0;
        let sawUnavailable = false;
        while (answer.status === 'connection-error' || (answer.status as number) >= 500) {
          if (answer.status !== 'connection-error') {
            unavailable.push({ status: answer.status, retryAfter: answer.retryAfter });
            sawUnavailable ||= answer.status === 503;
          }
          retries++;
          await new Promise((resolve) => setTimeout(resolve, 200));
          answer = await register(key, serial);
          if (retries > 300) break;
        }
        outcomes.push({ key, serial, final: answer.status, retries, sawUnavailable });
      }
    };
    const clients = Array.from({ length: 4 }, (_, index) => client(index));

    await api!.waitFor(() => outcomes.length >= 20, 60_000);
    run('pg_ctlcluster', PG_VERSION, cluster, 'stop', '-m', 'fast');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    run('pg_ctlcluster', PG_VERSION, cluster, 'start');
    const before = outcomes.length;
    await api!.waitFor(
      () => outcomes.filter((o, i) => i >= before && o.final === 201).length >= 20,
      90_000,
    );
    stop = true;
    await Promise.all(clients);

    // While it was down: 503 (never a bare 500), each with Retry-After
    expect(unavailable.some((u) => u.status === 503)).toBe(true);
    for (const u of unavailable) expect(u.retryAfter).not.toBeNull();
    // Every key ends acknowledged: a retry of a recorded command got its original 201, not a 409
    expect(outcomes.filter((o) => o.final !== 201)).toEqual([]);

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const registered = await db.query<{ stream_name: string; n: string }>(
        `SELECT stream_name, count(*) AS n FROM ledger.events
         WHERE event_type = 'CylinderRegistered' AND stream_name LIKE 'cylinder-PGF-%'
         GROUP BY stream_name`,
      );
      const counts = new Map(registered.rows.map((r) => [r.stream_name, Number(r.n)]));
      for (const o of outcomes)
        expect([o.serial, counts.get(`cylinder-${o.serial}`)]).toEqual([o.serial, 1]);
      expect(counts.size).toBe(outcomes.length);
    } finally {
      await db.end();
    }

    // And the read model converges to the ledger: each cylinder is known, with one registration
    const auth = { Authorization: `Bearer ${accessToken}` };
    for (const o of outcomes) {
      const seen = await api!.waitFor(async () => {
        const view = await call(`/cylinders/${o.serial}`, { headers: auth });
        return view.status === 200 ? view.body : undefined;
      }, 60_000);
      const history = (seen.history as { type: string }[]).filter(
        (e) => e.type === 'CylinderRegistered',
      );
      expect(history).toHaveLength(1);
    }
  }, 240_000);
});
