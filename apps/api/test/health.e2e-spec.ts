import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ensureDatabaseExists } from '@oxyledger/config';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';

/** The real api module against the real PostgreSQL server; never the application's database. */
const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oxyledger_test';

const TEST_ENV = { DATABASE_URL: TEST_DATABASE_URL, EVENT_STORE: 'postgres', LOG_LEVEL: 'silent' };

async function startApi(
  eventStore?: Pick<EventStore, 'ping' | 'close'>,
): Promise<INestApplication> {
  let builder = Test.createTestingModule({ imports: [AppModule] });
  if (eventStore) builder = builder.overrideProvider(EVENT_STORE).useValue(eventStore);
  const app = (await builder.compile()).createNestApplication({ bufferLogs: true });
  configureApp(app);
  await app.init();
  return app;
}

describe('api (e2e): health and OpenAPI', () => {
  const savedEnv = { ...process.env };
  let app: INestApplication;

  beforeAll(async () => {
    Object.assign(process.env, TEST_ENV);
    await ensureDatabaseExists(TEST_DATABASE_URL);
    app = await startApi();
  });

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  it('GET /health (liveness) answers 200 while the process is up', async () => {
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
  });

  it('GET /health/ready answers 200 when PostgreSQL, Redis and the event store answer', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready');

    expect(response.body.details).toMatchObject({
      postgres: { status: 'up', latencyMs: expect.any(Number) },
      redis: { status: 'up', latencyMs: expect.any(Number) },
      eventStore: { status: 'up', adapter: 'postgres', latencyMs: expect.any(Number) },
    });
  });

  it('GET /health/ready answers 503 and names the failing check when the event store does not', async () => {
    // Only the event store fails: the health check's own PostgreSQL pool stays real.
    const failing = await startApi({
      ping: () => Promise.reject(new Error('event store unreachable')),
      close: () => Promise.resolve(),
    });
    try {
      const response = await request(failing.getHttpServer()).get('/health/ready').expect(503);

      expect(response.body).toMatchObject({
        status: 'error',
        error: { eventStore: { status: 'down' } },
        details: { postgres: { status: 'up' }, eventStore: { status: 'down' } },
      });
      // liveness does not depend on it: restarting the process would not mend the event store
      await request(failing.getHttpServer()).get('/health').expect(200);
    } finally {
      await failing.close();
    }
  });

  it('serves the OpenAPI document at /docs-json, describing /health', async () => {
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);

    expect(response.body.openapi).toMatch(/^3\./);
    expect(response.body.info.title).toBe('OxyLedger API');
    expect(Object.keys(response.body.paths)).toContain('/health');
  });

  it('serves the OpenAPI UI at /docs', async () => {
    const response = await request(app.getHttpServer()).get('/docs').expect(200);

    expect(response.text).toContain('swagger-ui');
  });
});
