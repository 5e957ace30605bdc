import { request, Agent } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { Client } from 'pg';
import {
  type AppProcess,
  keyedRegistrations,
  producerLogin,
  registrationBody,
  startApiChild,
  untilSeeded,
} from './support/app-process';

const GRACE_MS = 8_000;

/** One POST on `agent`'s keep-alive connection; a refused or reset connection is an answer too. */
function post(
  port: number,
  agent: Agent,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number | 'connection-error'; body: string; connection?: string }> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/v1${path}`,
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            body: text,
            connection: response.headers.connection,
          }),
        );
      },
    );
    req.on('error', () => resolve({ status: 'connection-error', body: '' }));
    req.end(payload);
  });
}

/**
 * SIGTERM while keep-alive clients keep writing: the api stops taking connections, answers what
 * it holds, and exits within SHUTDOWN_GRACE_MS; every acknowledged write is in the ledger, and
 * each Idempotency-Key is either recorded with its events or not at all.
 */
describe('the api on SIGTERM under load', () => {
  let database: ScratchDatabase;
  let api: AppProcess | undefined;

  beforeAll(async () => {
    database = await createScratchDatabase('sigterm');
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  }, 60_000);

  it('drains keep-alive clients, loses no acknowledged write, leaves nothing half-done', async () => {
    api = startApiChild({
      PORT: '0',
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `h17a-sigterm-${randomUUID().slice(0, 8)}`,
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    const port = await untilSeeded(api);

    const producer = await producerLogin(`http://127.0.0.1:${port}/api/v1`);

    // Given eight keep-alive clients registering cylinders back to back
    let sigtermAt = 0;
    const agents = Array.from({ length: 8 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    const load = keyedRegistrations({
      clients: agents.length,
      serialPrefix: 'SIG',
      send: async ({ client, key, serial }) => {
        const answer = await post(
          port,
          agents[client],
          '/cylinders',
          registrationBody(producer.facilityId, serial),
          { Authorization: `Bearer ${producer.accessToken}`, 'Idempotency-Key': key },
        );
        return { status: answer.status, retryAfter: null, body: {} };
      },
      // after SIGTERM, keep knocking until the api is gone
      clientStops: (outcome) => outcome.final === 'connection-error' && sigtermAt > 0,
    });
    const answers = load.outcomes;
    await api.waitFor(() => answers.filter((a) => a.final === 201).length >= 40, 60_000);

    // When the api gets SIGTERM
    sigtermAt = Date.now();
    api.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Then a new connection is refused while the last requests finish
    const fresh = new Agent();
    const late = await post(port, fresh, '/auth/login', { username: 'x', password: 'y' }, {});
    fresh.destroy();
    expect(late.status).toBe('connection-error');

    // and it exits by itself, cleanly, within the grace period
    const exit = await api.exited;
    await load.done;
    for (const agent of agents) agent.destroy();
    // what it was still doing (the shutdown line names the phase) when it did not stop cleanly
    if (exit.code !== 0) console.log(api.output.join('').slice(-6000));
    expect(exit.code).toBe(0);
    expect(exit.at - sigtermAt).toBeLessThan(GRACE_MS);
    expect(api.output.join('')).toContain('Stopped');

    // And every acknowledged registration is in the ledger
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const streams = new Set(
        (
          await db.query<{ stream_name: string }>(
            `SELECT stream_name FROM ledger.events WHERE event_type = 'CylinderRegistered'`,
          )
        ).rows.map((row) => row.stream_name),
      );
      const keys = new Map(
        (
          await db.query<{ key: string; completed: boolean }>(
            `SELECT key, completed_at IS NOT NULL AS completed FROM app.idempotency_keys`,
          )
        ).rows.map((row) => [row.key, row.completed]),
      );
      const acknowledged = answers.filter((answer) => answer.final === 201);
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);
      for (const answer of acknowledged) {
        expect(streams.has(`cylinder-${answer.serial}`)).toBe(true);
        expect(keys.get(answer.key)).toBe(true);
      }
      // and no key is half-done: recorded and completed with its events, or not there at all
      for (const answer of answers) {
        const recorded = keys.get(answer.key);
        if (recorded === undefined) {
          expect(streams.has(`cylinder-${answer.serial}`)).toBe(false);
        } else {
          expect({ key: answer.key, completed: recorded }).toEqual({
            key: answer.key,
            completed: true,
          });
          expect(streams.has(`cylinder-${answer.serial}`)).toBe(true);
        }
      }
      // and nothing but 201s and closed connections was answered: no 500 on the way down
      expect(answers.filter((a) => a.final !== 201 && a.final !== 'connection-error')).toEqual([]);
    } finally {
      await db.end();
    }
  }, 300_000);
});
