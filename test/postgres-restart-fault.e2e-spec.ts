import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  type AppProcess,
  callApi,
  keyedRegistrations,
  producerLogin,
  registerWithKey,
  registrationsPerCylinder,
  startApiChild,
  untilSeeded,
} from './support/app-process';
import { freePort } from './support/free-port';

const PG_VERSION = '15';

/**
 * PostgreSQL restarted under load, on a cluster this test makes itself (on a free port), with the api as a child process. While it is down the api answers 503 with
 * Retry-After; it recovers by itself; every client retries with its Idempotency-Key until a final
 * answer, and then: no acknowledged write is lost, none is recorded twice, and the read model
 * agrees with the ledger. A fault injected between the append and the stored answer is made
 * exactly-once by the same key.
 */
describe('the api through a PostgreSQL restart under load', () => {
  const cluster = `h18b-pgfault-${randomUUID().slice(0, 8)}`;
  let port: number;
  let databaseUrl: string;
  const run = (...args: string[]) => execFileSync(args[0], args.slice(1), { stdio: 'pipe' });
  let api: AppProcess | undefined;
  let base = '';

  beforeAll(async () => {
    port = await freePort();
    databaseUrl = `postgres://postgres@127.0.0.1:${port}/oxyledger_fault`;
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
    api = startApiChild({
      PORT: '0',
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: `h18b-pgfault-${randomUUID().slice(0, 8)}`,
      IDEMPOTENCY_TEST_FAULT: 'on-header',
      DATABASE_POOL_MAX: '4',
      EVENT_STORE_POOL_MAX: '6',
    });
    base = `http://127.0.0.1:${await untilSeeded(api)}/api/v1`;
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

  it('answers 503 with Retry-After while down, recovers, loses and doubles nothing', async () => {
    const producer = await producerLogin(base);
    const unavailable: { status: number | string; retryAfter: string | null }[] = [];
    // A client retries each key (as a phone app would) until it gets a final answer; every tenth
    // first attempt carries the fault hook, so its effect commits... or not, and the retry decides.
    const load = keyedRegistrations({
      clients: 4,
      serialPrefix: 'PGF',
      send: async ({ n, key, serial, attempt }) => {
        const fault = attempt === 1 && n % 10 === 3;
        const answer = await registerWithKey(
          base,
          producer,
          key,
          serial,
          fault ? { 'X-Test-Fault': 'after-effect' } : {},
        );
        if (answer.status !== 'connection-error' && answer.status >= 500)
          unavailable.push({ status: answer.status, retryAfter: answer.retryAfter });
        return answer;
      },
      retry: (answer) => answer.status === 'connection-error' || answer.status >= 500,
      maxAttempts: 300,
    });
    const outcomes = load.outcomes;

    await api!.waitFor(() => outcomes.length >= 20, 60_000);
    run('pg_ctlcluster', PG_VERSION, cluster, 'stop', '-m', 'fast');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    run('pg_ctlcluster', PG_VERSION, cluster, 'start');
    const before = outcomes.length;
    await api!.waitFor(
      () => outcomes.filter((o, i) => i >= before && o.final === 201).length >= 20,
      90_000,
    );
    await load.stop();

    // While it was down: 503 (never a bare 500), each with Retry-After
    expect(unavailable.some((u) => u.status === 503)).toBe(true);
    for (const u of unavailable) expect(u.retryAfter).not.toBeNull();
    // Every key ends acknowledged: a retry of a recorded command got its original 201, not a 409
    expect(outcomes.filter((o) => o.final !== 201)).toEqual([]);

    const counts = await registrationsPerCylinder(databaseUrl, 'PGF');
    for (const o of outcomes)
      expect([o.serial, counts.get(`cylinder-${o.serial}`)]).toEqual([o.serial, 1]);
    expect(counts.size).toBe(outcomes.length);

    // And the read model converges to the ledger: each cylinder is known, with one registration
    const auth = { Authorization: `Bearer ${producer.accessToken}` };
    for (const o of outcomes) {
      const seen = await api!.waitFor(async () => {
        const view = await callApi(base, `/cylinders/${o.serial}`, { headers: auth });
        return view.status === 200 ? view.body : undefined;
      }, 60_000);
      const history = (seen.history as { type: string }[]).filter(
        (e) => e.type === 'CylinderRegistered',
      );
      expect(history).toHaveLength(1);
    }
  }, 240_000);
});
