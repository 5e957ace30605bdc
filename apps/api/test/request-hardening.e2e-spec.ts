import { gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import request from 'supertest';
import { API_PREFIX } from '../src/app.setup';
import { FAILED_LOGINS_PER_ADDRESS_PER_MINUTE } from '../src/access/access.guards';
import { MAX_BODY_BYTES } from '../src/shared/http/request-guards';
import { startTestApp, type TestApp, uniqueName } from './support/test-app';

/** No input makes a 500: each odd request is a 4xx that says what is wrong, and writes nothing. */
describe('api (e2e): request hardening', () => {
  let api: TestApp;
  let second: TestApp;
  let admin: { id: string; accessToken: string };
  let producer: { accessToken: string };

  beforeAll(async () => {
    api = await startTestApp();
    second = await startTestApp();
    admin = await api.login('admin');
    producer = await api.login('producer', { facilityId: 'baghdad-psa-1' });
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await api?.close();
  });

  const raw = () => request(api.app.getHttpServer());
  const path = (p: string) => `/${API_PREFIX}${p}`;

  it('refuses a body over the limit with 413, and fits a 10,000-serial fill to its batch rule', async () => {
    const huge = await raw()
      .post(path('/cylinders/fills'))
      .set('Authorization', `Bearer ${producer.accessToken}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ serials: ['x'.repeat(MAX_BODY_BYTES)] }));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'request.too-large' });

    const serials = Array.from(
      { length: 10_000 },
      (_, i) => `IQ-BGD-${String(i).padStart(6, '0')}`,
    );
    const manifold = await api
      .http()
      .post('/cylinders/fills')
      .set('Authorization', `Bearer ${producer.accessToken}`)
      .send({
        plantId: 'baghdad-psa-1',
        serials,
        lot: 'LOT-HUGE',
        purityPercent: 93,
        pressureBar: 137,
        operatorId: 'op',
      });
    expect(manifold.status).toBe(400);
    expect(manifold.body.violations).toContainEqual(
      expect.objectContaining({ field: 'serials', rule: 'arrayMaxSize' }),
    );
  });

  it('refuses an unknown Content-Encoding and a body that is not JSON with 415', async () => {
    const encoded = await raw()
      .post(path('/auth/login'))
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'x-bogus')
      .send('{"username":"a","password":"b"}');
    expect(encoded.status).toBe(415);
    expect(encoded.body.error).toBe('request.unsupported-encoding');

    const text = await raw()
      .post(path('/auth/login'))
      .set('Content-Type', 'text/plain')
      .send('{"username":"a","password":"b"}');
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ error: 'request.unsupported-content-type' });
    expect(text.body.message).toContain('text/plain');

    // compressed bodies are refused too: no decompression bombs
    const gzipped = await raw()
      .post(path('/auth/login'))
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync(JSON.stringify({ username: uniqueName('nobody'), password: 'x' })));
    expect(gzipped.status).toBe(415);
  });

  it.each([
    ['a NUL byte', '{"username":"a\\u0000b","password":"x"}', 'username', 'noNulByte'],
    [
      'a lone surrogate',
      '{"username":"a\\ud800b","password":"x"}',
      'username',
      'wellFormedUnicode',
    ],
    ['a lone surrogate in a key', '{"\\udc00":1}', '\udc00', 'wellFormedUnicode'],
    ['nesting too deep', `{"username":${'['.repeat(50)}${']'.repeat(50)}}`, 'username', 'depth'],
  ])('refuses %s with a 400 naming the field', async (_label, body, field, rule) => {
    const response = await raw()
      .post(path('/auth/login'))
      .set('Content-Type', 'application/json')
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.violations[0]).toMatchObject({ rule });
    expect(response.body.violations[0].field.startsWith(field)).toBe(true);
  });

  it('refuses a NUL byte in a path or query, and out-of-range paging, with 400', async () => {
    const auth = { Authorization: `Bearer ${admin.accessToken}` };
    const inPath = await raw().get(path('/cylinders/IQ%00X')).set(auth);
    expect(inPath.status).toBe(400);
    const inQuery = await raw().get(path('/admin/users?role=%00')).set(auth);
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.violations[0]).toMatchObject({ field: 'query.role', rule: 'noNulByte' });
    for (const page of ['1e20', '99999999999999999999', '-1', '1.5', 'NaN']) {
      const response = await raw()
        .get(path(`/admin/users?page=${page}`))
        .set(auth);
      expect([page, response.status]).toEqual([page, 400]);
      expect(response.body.violations[0].field).toBe('page');
    }
  });

  it('refuses null where a value is required with 400, and accepts it where it clears a field', async () => {
    const user = await api.login('hospital', { facilityId: 'baghdad-medical-city' });
    const auth = { Authorization: `Bearer ${admin.accessToken}` };
    const active = await api
      .http()
      .patch(`/admin/users/${user.id}`)
      .set(auth)
      .send({ active: null });
    expect(active.status).toBe(400);
    expect(active.body.violations).toContainEqual(
      expect.objectContaining({ field: 'active', rule: 'notNull' }),
    );
    const role = await api.http().patch(`/admin/users/${user.id}`).set(auth).send({ role: null });
    expect(role.status).toBe(400);
  });

  it('sends security headers, a Content-Security-Policy and no X-Powered-By', async () => {
    const response = await raw().get('/health');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    const docs = await raw().get('/docs/');
    expect(docs.headers['content-security-policy']).toBe(policy);
  });

  it('counts login attempts in Redis: a second api process sees the first one’s', async () => {
    const username = uniqueName('shared-throttle');
    for (let attempt = 1; attempt <= 10; attempt++) {
      const app = attempt % 2 === 0 ? api : second;
      await app.http().post('/auth/login').send({ username, password: 'guess' }).expect(401);
    }
    const blocked = await api.http().post('/auth/login').send({ username, password: 'guess' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('answers the per-address login limit with 429 and Retry-After too', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const failedKeys = async () =>
      redis.keys(`${process.env.QUEUE_PREFIX?.trim() || 'oxyledger'}:login-throttle:failed:*`);
    try {
      for (const key of await failedKeys()) await redis.del(key); // earlier tests' failures
      // each username stays under its own limit; together they reach the address's
      let blocked: request.Response | undefined;
      for (
        let attempt = 0;
        attempt <= FAILED_LOGINS_PER_ADDRESS_PER_MINUTE && !blocked;
        attempt++
      ) {
        const answer = await api
          .http()
          .post('/auth/login')
          .send({ username: uniqueName(`address-throttle-${attempt}`), password: 'guess' });
        if (answer.status !== 401) blocked = answer;
      }
      expect(blocked?.status).toBe(429);
      expect(blocked!.body.message).toMatch(/from this address/);
      expect(Number(blocked!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(blocked!.headers['retry-after'])).toBeLessThanOrEqual(60);
    } finally {
      // the address is every test's: unblock it for the tests that log in after this one
      const keys = await failedKeys();
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });
});
