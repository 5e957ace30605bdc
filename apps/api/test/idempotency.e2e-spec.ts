import { startTestApp, TEST_PASSWORD, type TestApp, uniqueName } from './support/test-app';

describe('api (e2e): Idempotency-Key', () => {
  let api: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    api = await startTestApp();
    adminToken = (await api.login('admin')).accessToken;
  });
  afterAll(() => api?.close());

  const createUser = (key: string | undefined, username: string, displayName = 'Store keeper') => {
    const call = api
      .http()
      .post('/admin/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ username, password: TEST_PASSWORD, role: 'analyst', displayName });
    return key === undefined ? call : call.set('Idempotency-Key', key);
  };

  it('answers a retry with the original response and runs nothing again', async () => {
    const key = uniqueName('key');
    const username = uniqueName('analyst');

    const first = await createUser(key, username);
    const retries = await Promise.all([createUser(key, username), createUser(key, username)]);

    expect(first.status).toBe(201);
    for (const retry of retries) {
      // A retry racing the first request may be told to wait; it never runs a second time.
      if (retry.status === 409) {
        expect(retry.body.error).toBe('idempotency.in-progress');
        continue;
      }
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
    }
    const again = await createUser(key, username);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const listed = await api
      .http()
      .get('/admin/users')
      .query({ role: 'analyst', pageSize: 200 })
      .set('Authorization', `Bearer ${adminToken}`);
    expect(
      listed.body.items.filter((u: { username: string }) => u.username === username),
    ).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422, writing nothing', async () => {
    const key = uniqueName('key');
    const username = uniqueName('analyst');
    await createUser(key, username).expect(201);

    const other = uniqueName('analyst');
    const response = await createUser(key, other);

    expect(response.status).toBe(422);
    expect(response.body.error).toBe('idempotency.key-reused');
    const withoutKey = await createUser(undefined, other);
    expect(withoutKey.status).toBe(201); // the other user did not exist yet
  });

  it('replays a refusal too: the retry of a 409 is the same 409', async () => {
    const username = uniqueName('analyst');
    await createUser(undefined, username).expect(201);
    const key = uniqueName('key');

    const first = await createUser(key, username);
    const retry = await createUser(key, username);

    expect(first.status).toBe(409);
    expect(retry.status).toBe(409);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const response = await createUser('short', uniqueName('analyst'));
    expect(response.status).toBe(400);
    expect(response.body.violations).toEqual([
      expect.objectContaining({ field: 'Idempotency-Key', rule: 'format' }),
    ]);
  });
});
