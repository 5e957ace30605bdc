import { randomUUID } from 'node:crypto';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import { type AppProcess, startApp } from '../../../test/support/app-process';
import { DataSource } from 'typeorm';
import { NetworkService } from '@oxyledger/network';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

/** The value of one Prometheus series in a scrape, 0 when absent. */
function sample(scrape: string, series: string): number {
  const line = scrape.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/**
 * A request id follows a command into its events' metadata and the projector's logs; /metrics
 * moves with the command; /health is liveness and /health/ready checks the dependencies.
 */
describe('api (e2e): request ids, metrics and readiness', () => {
  let database: ScratchDatabase;
  let api: TestApp;
  let projector: AppProcess | undefined;
  let plantId: string;
  let token: string;

  beforeAll(async () => {
    database = await createScratchDatabase('observability');
    api = await startTestApp({ databaseUrl: database.url });
    plantId = uniqueName('plant');
    await api.app.get(NetworkService).ensureFacility({
      id: plantId,
      kind: 'producer',
      name: `Plant ${plantId}`,
      governorate: 'Baghdad',
      latitude: 33.31,
      longitude: 44.36,
      supplierId: 'baghdad-gas',
    });
    token = (await api.login('producer', { facilityId: plantId })).accessToken;
  });
  afterAll(async () => {
    await projector?.stop();
    await api?.close();
    await database?.drop();
  }, 60_000);

  const register = (serial: string, headers: Record<string, string> = {}) =>
    api
      .http()
      .post('/cylinders')
      .set({ Authorization: `Bearer ${token}`, ...headers })
      .send({
        facilityId: plantId,
        cylinders: [
          {
            serial,
            sizeCode: 'J',
            ownerId: 'baghdad-gas',
            gasGrade: 'oxygen-99.5',
            manufactureDate: '2022-01-10',
            lastTestDate: '2024-01-10',
          },
        ],
      });

  it('echoes X-Request-Id, records it on the events as correlation and causation, and the projector logs it', async () => {
    projector = startApp('projector', 'apps/projector/src/main.ts', {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'debug',
    });
    const requestId = `req-${randomUUID()}`;
    const serial = uniqueName('IQ').toUpperCase();

    const response = await register(serial, { 'X-Request-Id': requestId }).expect(201);
    expect(response.headers['x-request-id']).toBe(requestId);

    const [event] = (await api.app
      .get(DataSource)
      .query(
        `SELECT metadata FROM ledger.events WHERE stream_name = $1 AND event_type = 'CylinderRegistered'`,
        [`cylinder-${serial}`],
      )) as { metadata: { correlationId: string; causationId: string } }[];
    expect(event.metadata).toMatchObject({ correlationId: requestId, causationId: requestId });

    // the projector, a process of its own, logs (JSON) which requests' events it applied
    const line = await projector.waitFor(
      () =>
        projector!.output
          .join('')
          .split('\n')
          .find((candidate) => candidate.includes(requestId)),
      120_000,
    );
    expect(JSON.parse(line)).toMatchObject({
      projection: 'cylinders',
      correlationIds: expect.arrayContaining([requestId]),
    });
  }, 180_000);

  it('makes a request id when none (or a malformed one) is given', async () => {
    const response = await register(uniqueName('IQ').toUpperCase(), {
      'X-Request-Id': 'not ok; DROP TABLE',
    }).expect(201);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics that move with a command', async () => {
    const scrape = async () => (await api.http().get('/metrics').expect(200)).text;
    const route = 'method="POST",route="/api/v1/cylinders",status="201"';
    const before = await scrape();

    await register(uniqueName('IQ').toUpperCase()).expect(201);
    await register('bad serial').expect(400);
    const after = await scrape();

    expect(sample(after, `http_request_duration_seconds_count{${route}}`)).toBe(
      sample(before, `http_request_duration_seconds_count{${route}}`) + 1,
    );
    const accepted =
      'oxyledger_commands_total{command="RegisterCylindersCommand",outcome="accepted"}';
    expect(sample(after, accepted)).toBe(sample(before, accepted) + 1);
    const appended = 'oxyledger_events_appended_total{type="CylinderRegistered"}';
    expect(sample(after, appended)).toBe(sample(before, appended) + 1);
    expect(after).toMatch(/^oxyledger_projection_lag_events\{projection="cylinders"\} \d+/m);
    expect(after).toMatch(/^oxyledger_projection_lag_seconds\{projection="cylinders"\} [\d.]+/m);
    expect(after).toMatch(/^oxyledger_queue_jobs\{queue="refill-planning",state="waiting"\} \d+/m);
    expect(after).toMatch(/^oxyledger_db_pool_connections\{pool="ledger",state="total"\} \d+/m);
    expect(after).toMatch(/^oxyledger_db_pool_connections\{pool="read-models",state="idle"\} \d+/m);
    expect(after).toMatch(/^oxyledger_nodejs_eventloop_lag_p99_seconds [\d.e-]+/m);
    expect(after).toContain('# TYPE oxyledger_job_duration_seconds histogram');
  });

  it('answers /health while the process is up, and /health/ready with every dependency checked', async () => {
    await api.http().get('/health').expect(200, { status: 'ok' });
    const ready = await api.http().get('/health/ready');
    expect(Object.keys(ready.body.details ?? {})).toEqual([
      'postgres',
      'redis',
      'eventStore',
      'projections',
    ]);
    expect(ready.body.details.postgres.status).toBe('up');
    expect(ready.body.details.redis.status).toBe('up');
    expect(ready.body.details.eventStore).toMatchObject({ status: 'up', adapter: 'postgres' });
    expect(ready.body.details.projections.maxLagSeconds).toBe(60);
  });
});
