import { cylinderStreamName } from '@oxyledger/domain';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { DataSource } from 'typeorm';
import { IdempotencyRetention } from '../src/shared/idempotency/idempotency-retention';
import { plantWithProducer } from './support/plant-and-producer';
import { startTestApp, TEST_PASSWORD, type TestApp, uniqueName } from './support/test-app';

/**
 * The effect of a keyed command and its stored answer are one atomic fact.
 * The fault hook fails the request after its events were appended and before its answer was
 * stored — the instant where the old interceptor recorded the command twice on retry.
 */
describe('api (e2e): Idempotency-Key, exactly one effect per retry', () => {
  let api: TestApp;
  let producer: string;
  let plantId: string;
  let events: EventStore;

  beforeAll(async () => {
    process.env.IDEMPOTENCY_TEST_FAULT = 'on-header';
    api = await startTestApp();
    events = api.app.get(EVENT_STORE);
    ({ plantId, producer } = await plantWithProducer(api));
  });
  afterAll(async () => {
    delete process.env.IDEMPOTENCY_TEST_FAULT;
    await api?.close();
  });

  const register = (key: string, serial: string, fault = false) =>
    api
      .http()
      .post('/cylinders')
      .set(fault ? { 'X-Test-Fault': 'after-effect' } : {})
      .set('Authorization', `Bearer ${producer}`)
      .set('Idempotency-Key', key)
      .send({
        facilityId: plantId,
        cylinders: [
          {
            serial,
            sizeCode: 'J',
            ownerId: 'basra-oxygen',
            gasGrade: 'oxygen-99.5',
            manufactureDate: '2022-01-10',
            lastTestDate: '2024-01-10',
          },
        ],
      });

  const newSerial = () =>
    `AT-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase();

  // The cylinder's own stream, not the global log: a read of the global log only returns events
  // older than the oldest transaction open anywhere on the server, so right after a 201 it may
  // not show yet. A second registration of the serial would land in this stream too.
  const ledgerEventsOf = (serial: string) => events.readStream(cylinderStreamName(serial));

  it('a failure between the append and the stored answer leaves neither; the retry records once', async () => {
    const key = uniqueName('key');
    const serial = newSerial();

    const failed = await register(key, serial, true);

    expect(failed.status).toBe(500);
    expect(failed.headers['retry-after']).toBeDefined();
    expect(await ledgerEventsOf(serial)).toHaveLength(0);

    const first = await register(key, serial);
    const retries = await Promise.all([register(key, serial), register(key, serial)]);
    const again = await register(key, serial);

    expect(first.status).toBe(201);
    for (const retry of [...retries, again]) {
      if (retry.status === 409) {
        expect(retry.body.error).toBe('idempotency.in-progress');
        expect(retry.headers['retry-after']).toBe('1');
        continue;
      }
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    }
    expect(again.status).toBe(201);
    expect(await ledgerEventsOf(serial)).toHaveLength(1);
  });

  // Admin writes go through TypeORM, outside the ledger transaction (README, "Exactly one effect
  // per retry"): the effect commits on its own, so after a fault the retry runs again. A create
  // keyed by a unique name cannot happen twice; the retry is refused naming the clash.
  it('an admin create that failed after its effect is not done twice by the retry', async () => {
    const admin = (await api.login('admin')).accessToken;
    const dataSource = api.app.get(DataSource);
    const key = uniqueName('key');
    const username = uniqueName('keyed-user');
    const create = (fault = false) =>
      api
        .http()
        .post('/admin/users')
        .set(fault ? { 'X-Test-Fault': 'after-effect' } : {})
        .set('Authorization', `Bearer ${admin}`)
        .set('Idempotency-Key', key)
        .send({ username, password: TEST_PASSWORD, role: 'analyst' });

    const failed = await create(true);
    expect([failed.status, failed.headers['retry-after']]).toEqual([500, '1']);
    const retry = await create();
    expect(retry.status).toBe(409);
    expect(JSON.stringify(retry.body)).toContain('taken');
    const users = (await dataSource.query(
      'SELECT id FROM app.users WHERE lower(username) = lower($1)',
      [username],
    )) as unknown[];
    expect(users).toHaveLength(1);
  });

  it('a webhook registration that failed after its insert is not made twice by the retry', async () => {
    const admin = (await api.login('admin')).accessToken;
    const key = uniqueName('key');
    const url = `https://receiver.example/${uniqueName('hook')}`;
    const subscribe = (fault = false) =>
      api
        .http()
        .post('/admin/notifications/webhooks')
        .set(fault ? { 'X-Test-Fault': 'after-effect' } : {})
        .set('Authorization', `Bearer ${admin}`)
        .set('Idempotency-Key', key)
        .send({ url, kinds: ['scan-conflict'] });

    const failed = await subscribe(true);
    expect([failed.status, failed.headers['retry-after']]).toEqual([500, '1']);
    const retry = await subscribe();
    expect(retry.status).toBe(409);
    expect(retry.body.message).toContain('url');
    const hooks = (
      await api.http().get('/admin/notifications/webhooks').set('Authorization', `Bearer ${admin}`)
    ).body as { url: string; active: boolean }[];
    expect(hooks.filter((hook) => hook.url === url && hook.active)).toHaveLength(1);
  });

  it('concurrent first attempts with one key record one effect', async () => {
    const key = uniqueName('key');
    const serial = newSerial();
    const answers = await Promise.all(Array.from({ length: 6 }, () => register(key, serial)));

    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    for (const a of created) expect(a.body).toEqual(created[0].body);
    expect(await ledgerEventsOf(serial)).toHaveLength(1);
  });

  it('never stores an answer that carries tokens', async () => {
    const dataSource = api.app.get(DataSource);
    const key = uniqueName('key');
    const user = await api.login('analyst');
    const response = await api
      .http()
      .post('/auth/login')
      .set('Idempotency-Key', key)
      .send({ username: user.username, password: TEST_PASSWORD });
    const stored = (await dataSource.query(
      'SELECT response_body FROM app.idempotency_keys WHERE key = $1',
      [key],
    )) as unknown[];
    expect(JSON.stringify(stored)).not.toMatch(/accessToken|refreshToken/);
    expect(response.status).toBeLessThan(500);

    // a new webhook's secret is shown once: the stored answer has it emptied, and a retry
    // replays that answer (the same webhook) instead of registering a second one
    const webhookKey = uniqueName('key');
    const url = `https://receiver.example/${uniqueName('hook')}`;
    const admin = (await api.login('admin')).accessToken;
    const addWebhook = () =>
      api
        .http()
        .post('/admin/notifications/webhooks')
        .set('Authorization', `Bearer ${admin}`)
        .set('Idempotency-Key', webhookKey)
        .send({ url });
    const webhook = await addWebhook();
    expect(webhook.status).toBe(201);
    expect(webhook.body.secret).toEqual(expect.any(String));
    const storedWebhook = (await dataSource.query(
      'SELECT response_body FROM app.idempotency_keys WHERE key = $1',
      [webhookKey],
    )) as unknown[];
    expect(storedWebhook).toHaveLength(1);
    expect(JSON.stringify(storedWebhook)).not.toContain(webhook.body.secret as string);
    const replay = await addWebhook();
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual({ ...webhook.body, secret: null });
    const hooks = (
      await api.http().get('/admin/notifications/webhooks').set('Authorization', `Bearer ${admin}`)
    ).body as { url: string }[];
    expect(hooks.filter((hook) => hook.url === url)).toHaveLength(1);
  });

  it('forgets answers older than the retention', async () => {
    const dataSource = api.app.get(DataSource);
    const key = uniqueName('old-key');
    await dataSource.query(
      `INSERT INTO app.idempotency_keys (user_id, key, request_hash, created_at, completed_at, response_status, response_body)
       VALUES ('someone', $1, 'h', now() - interval '8 days', now() - interval '8 days', 201, '{}')`,
      [key],
    );
    const fresh = uniqueName('new-key');
    await dataSource.query(
      `INSERT INTO app.idempotency_keys (user_id, key, request_hash, created_at, completed_at, response_status, response_body)
       VALUES ('someone', $1, 'h', now() - interval '6 days', now(), 201, '{}')`,
      [fresh],
    );

    expect(await api.app.get(IdempotencyRetention).expire()).toBeGreaterThanOrEqual(1);

    const left = (await dataSource.query(
      'SELECT key FROM app.idempotency_keys WHERE key = ANY($1)',
      [[key, fresh]],
    )) as { key: string }[];
    expect(left.map((r) => r.key)).toEqual([fresh]);
  });
});
