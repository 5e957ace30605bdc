import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import {
  type AppProcess,
  keyedRegistrations,
  producerLogin,
  registerWithKey,
  registrationsPerCylinder,
  startApiChild,
  untilSeeded,
} from './support/app-process';
import { freePort } from './support/free-port';
import { readModelsBesideLedger } from './support/read-models-agree';

/**
 * The api killed with SIGKILL under keyed load, and started again on the same database and
 * port. Every client retries each request with its Idempotency-Key until a final answer, as a
 * phone app would: the requests in flight at the kill (acknowledged or not) each end with
 * exactly one effect, and the read models agree with the ledger.
 */
describe('the api killed with SIGKILL under keyed load', () => {
  let port: number;
  let base: string;
  let database: ScratchDatabase;
  let api: AppProcess | undefined;
  const logs: string[] = [];
  const env = () => ({
    PORT: String(port),
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `s18a-apikill-${randomUUID().slice(0, 8)}`,
    DATABASE_POOL_MAX: '4',
    EVENT_STORE_POOL_MAX: '6',
  });

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}/api/v1`;
    database = await createScratchDatabase('api_kill');
    api = startApiChild(env());
    await untilSeeded(api);
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

  it('ends every keyed request with exactly one effect after a restart', async () => {
    const producer = await producerLogin(base);
    const load = keyedRegistrations({
      clients: 4,
      serialPrefix: 'KILL',
      send: ({ key, serial }) => registerWithKey(base, producer, key, serial),
      // retry what has no final answer: no answer, a 5xx, or the key still held (Retry-After)
      retry: (answer) =>
        answer.status === 'connection-error' ||
        answer.status >= 500 ||
        (answer.status === 409 && answer.body.error === 'idempotency.in-progress'),
      maxAttempts: 600,
    });
    const outcomes = load.outcomes;

    await api!.waitFor(() => outcomes.length >= 20, 60_000);
    api!.child.kill('SIGKILL');
    expect((await api!.exited).signal).toBe('SIGKILL');
    logs.push(api!.output.join(''));
    const killedAt = outcomes.length;
    api = startApiChild(env());
    await api.waitFor(
      () => outcomes.filter((o, i) => i >= killedAt && o.final === 201).length >= 20,
      180_000,
    );
    await load.stop();

    // Some request was cut off by the kill and retried into the new process
    expect(outcomes.some((o) => o.attempts > 1)).toBe(true);
    // Every key ends acknowledged, a retry of a recorded command with its original 201
    expect(outcomes.filter((o) => o.final !== 201)).toEqual([]);
    // and recorded exactly once
    const counts = await registrationsPerCylinder(database.url, 'KILL');
    for (const o of outcomes)
      expect([o.serial, counts.get(`cylinder-${o.serial}`)]).toEqual([o.serial, 1]);
    expect(counts.size).toBe(outcomes.length);

    const { expected, actual } = await readModelsBesideLedger(database.url, 60_000);
    expect(actual).toEqual(expected);
  }, 360_000);
});
