import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { CONFIG_DEFAULTS } from '@oxyledger/config';
import { DataSource } from 'typeorm';
import { UsersService } from '../src/access/users/users.service';
import { startTestApp, TEST_PASSWORD, type TestApp, uniqueName } from './support/test-app';

/** Access is revoked when it should be: at once, by every process, and never left in a table. */
describe('api (e2e): tokens and sessions', () => {
  let api: TestApp;
  let other: TestApp;
  let admin: { accessToken: string };

  beforeAll(async () => {
    api = await startTestApp();
    other = await startTestApp(); // a second api process sharing PostgreSQL and Redis
    admin = await api.login('admin');
  }, 60_000);
  afterAll(async () => {
    await other?.close();
    await api?.close();
  });

  async function loginPair(role: 'hospital' | 'driver' = 'hospital') {
    const username = uniqueName(role);
    const { user } = await api.app.get(UsersService).ensureUser({
      username,
      password: TEST_PASSWORD,
      role,
      ...(role === 'hospital' && { facilityId: 'baghdad-medical-city' }),
    });
    const response = await api
      .http()
      .post('/auth/login')
      .send({ username, password: TEST_PASSWORD })
      .expect(200);
    return { id: user.id, ...(response.body as { accessToken: string; refreshToken: string }) };
  }

  const me = (app: TestApp, token: string) =>
    app.http().get('/auth/me').set('Authorization', `Bearer ${token}`);

  it('answers token responses with Cache-Control: no-store', async () => {
    const username = uniqueName('hospital');
    await api.app.get(UsersService).ensureUser({
      username,
      password: TEST_PASSWORD,
      role: 'hospital',
      facilityId: 'baghdad-medical-city',
    });
    const login = await api.http().post('/auth/login').send({ username, password: TEST_PASSWORD });
    expect(login.headers['cache-control']).toBe('no-store');
    const refresh = await api
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: login.body.refreshToken });
    expect(refresh.status).toBe(200);
    expect(refresh.headers['cache-control']).toBe('no-store');
  });

  it('stops a deactivated user at once, in every process', async () => {
    const user = await loginPair();
    await me(other, user.accessToken).expect(200); // cached in the other process
    await api
      .http()
      .patch(`/admin/users/${user.id}`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ active: false })
      .expect(200);
    for (const app of [api, other]) {
      const response = await waitForStatus(() => me(app, user.accessToken), 401);
      expect(response.body.error).toBe('auth.access-changed');
    }
    await api.http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
  });

  it('stops a demoted or moved user until they refresh, which gives the new role', async () => {
    const user = await loginPair();
    await me(api, user.accessToken).expect(200);
    await api
      .http()
      .patch(`/admin/users/${user.id}`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ facilityId: 'basra-teaching-hospital' })
      .expect(200);
    const stale = await me(api, user.accessToken);
    expect(stale.status).toBe(401);
    expect(stale.body.error).toBe('auth.access-changed');
    const renewed = await api
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    expect(renewed.body.user.facilityId).toBe('basra-teaching-hospital');
    await me(api, renewed.body.accessToken).expect(200);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const user = await loginPair();
    const first = await api
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(200);
    // The thief (or a replay) presents the exchanged token again.
    const reused = await api.http().post('/auth/refresh').send({ refreshToken: user.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body.error).toBe('auth.refresh-token-reused');
    // ... and the legitimate successor no longer works either, nor its access token.
    await api
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(401);
    const revoked = await me(api, first.body.accessToken);
    expect([revoked.status, revoked.body.error]).toEqual([401, 'auth.session-revoked']);
  });

  it('logout ends the session: its access and refresh tokens stop, another session goes on', async () => {
    const user = await loginPair();
    const secondSession = await api
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: user.refreshToken });
    const otherLogin = await loginPair();
    await api
      .http()
      .post('/auth/logout')
      .send({ refreshToken: secondSession.body.refreshToken })
      .expect(204);
    await waitForStatus(() => me(other, secondSession.body.accessToken), 401);
    await api
      .http()
      .post('/auth/refresh')
      .send({ refreshToken: secondSession.body.refreshToken })
      .expect(401);
    await me(api, otherLogin.accessToken).expect(200);
  });

  it('refuses a correctly signed access token without exp', async () => {
    const user = await loginPair();
    const claims = JSON.parse(
      Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString(),
    ) as Record<string, unknown>;
    delete claims.exp;
    const key = createHmac('sha256', CONFIG_DEFAULTS.JWT_SECRET)
      .update('oxyledger:access-token')
      .digest();
    const forever = await new JwtService().signAsync(claims, { secret: key, algorithm: 'HS256' });
    await me(api, user.accessToken).expect(200);
    const response = await me(api, forever);
    expect([response.status, response.body.error]).toEqual([401, 'auth.invalid-token']);
  });

  it('never stores a token answer for idempotency, even when asked', async () => {
    const username = uniqueName('hospital');
    await api.app.get(UsersService).ensureUser({
      username,
      password: TEST_PASSWORD,
      role: 'hospital',
      facilityId: 'baghdad-medical-city',
    });
    const key = `login-${uniqueName('key')}`;
    const first = await api
      .http()
      .post('/auth/login')
      .set('Idempotency-Key', key)
      .send({ username, password: TEST_PASSWORD })
      .expect(200);
    const second = await api
      .http()
      .post('/auth/login')
      .set('Idempotency-Key', key)
      .send({ username, password: TEST_PASSWORD })
      .expect(200);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    const rows = (await api.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM app.idempotency_keys WHERE response_body::text LIKE $1`,
        [`%${first.body.refreshToken.slice(-20)}%`],
      )) as { n: number }[];
    expect(rows[0]!.n).toBe(0);
  });
});

async function waitForStatus<T extends { status: number }>(
  request: () => PromiseLike<T>,
  status: number,
): Promise<T> {
  // A process learns of a change through Redis pub/sub; give the message a moment to arrive.
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await request();
    if (response.status === status) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return request();
}
