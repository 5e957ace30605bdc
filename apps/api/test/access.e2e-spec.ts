import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ensureDatabaseExists } from '@oxyledger/config';
import type { Role } from '../src/access/actor';
import { TokenService } from '../src/access/token.service';
import { UsersService } from '../src/access/users/users.service';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { apiRequest } from './support/test-app';

/** The real api module against the real PostgreSQL server; never the application's database. */
const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oxyledger_test';

const TEST_ENV = { DATABASE_URL: TEST_DATABASE_URL, EVENT_STORE: 'postgres', LOG_LEVEL: 'silent' };

const PASSWORD = 'a long test password';

/** A username no other test (in this file or another, in this run or an earlier one) uses. */
function uniqueName(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

describe('api (e2e): login, tokens, users, roles', () => {
  const savedEnv = { ...process.env };
  let app: INestApplication;
  let adminToken: string;

  const http = () => apiRequest(app);

  /** Creates a user from code, as the demo seed does, and logs them in. */
  async function userWithToken(
    role: Role,
    scope: { facilityId?: string; supplierId?: string } = {},
  ): Promise<{ id: string; username: string; accessToken: string; refreshToken: string }> {
    const username = uniqueName(role);
    const { user } = await app
      .get(UsersService)
      .ensureUser({ username, password: PASSWORD, role, ...scope });
    const response = await http().post('/auth/login').send({ username, password: PASSWORD });
    expect(response.status).toBe(200);
    return { id: user.id, username, ...response.body };
  }

  beforeAll(async () => {
    Object.assign(process.env, TEST_ENV);
    await ensureDatabaseExists(TEST_DATABASE_URL);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    configureApp(app);
    await app.init();
    adminToken = (await userWithToken('admin')).accessToken;
  });

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  describe('POST /auth/login', () => {
    it('answers an access token, a refresh token and the user', async () => {
      const username = uniqueName('Hospital.Store');
      await app.get(UsersService).createUser({
        username,
        password: PASSWORD,
        role: 'hospital',
        facilityId: 'basra-general',
        displayName: 'Basra General store',
      });

      // Usernames are case-insensitive.
      const response = await http()
        .post('/auth/login')
        .send({ username: username.toLowerCase(), password: PASSWORD })
        .expect(200);

      expect(response.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refreshToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshExpiresIn: 604800,
        user: {
          id: expect.any(String),
          username,
          displayName: 'Basra General store',
          role: 'hospital',
          facilityId: 'basra-general',
          supplierId: null,
        },
      });
      const me = await http()
        .get('/auth/me')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
      expect(me.body).toMatchObject({ username, role: 'hospital', facilityId: 'basra-general' });
    });

    it('answers 401 with the same message for a wrong password and an unknown user', async () => {
      const { username } = await userWithToken('analyst');

      const wrongPassword = await http()
        .post('/auth/login')
        .send({ username, password: 'not the password' })
        .expect(401);
      const unknownUser = await http()
        .post('/auth/login')
        .send({ username: uniqueName('nobody'), password: PASSWORD })
        .expect(401);

      const expected = {
        statusCode: 401,
        error: 'auth.invalid-credentials',
        message: 'Wrong username or password',
      };
      expect(wrongPassword.body).toEqual(expected);
      expect(unknownUser.body).toEqual(expected);
    });

    it('answers 429 to the 11th attempt in a minute for one username, not for another', async () => {
      const username = uniqueName('throttled');
      for (let attempt = 1; attempt <= 10; attempt++) {
        await http().post('/auth/login').send({ username, password: 'guess' }).expect(401);
      }

      const blocked = await http()
        .post('/auth/login')
        .send({ username, password: 'guess' })
        .expect(429);

      expect(blocked.body).toMatchObject({
        statusCode: 429,
        error: 'auth.too-many-attempts',
        message: expect.stringMatching(/^Too many login attempts for this username; try again in/),
      });
      expect(blocked.headers['retry-after']).toBeDefined();
      // Another username from the same address is not locked out.
      await http()
        .post('/auth/login')
        .send({ username: uniqueName('neighbour'), password: 'guess' })
        .expect(401);
    });

    it('answers 400 naming the field for a missing password or an unknown field', async () => {
      const missing = await http().post('/auth/login').send({ username: 'someone' }).expect(400);
      expect(missing.body.violations).toContainEqual(
        expect.objectContaining({ field: 'password', rule: 'isString' }),
      );

      const unknown = await http()
        .post('/auth/login')
        .send({ username: 'someone', password: 'x', rememberMe: true })
        .expect(400);
      expect(unknown.body.violations).toEqual([
        {
          field: 'rememberMe',
          rule: 'whitelistValidation',
          message: 'rememberMe is not a known field',
        },
      ]);
    });
  });

  describe('POST /auth/refresh', () => {
    it('exchanges a refresh token for a new pair that works', async () => {
      const driver = await userWithToken('driver', { supplierId: 'northern-oxygen' });

      const response = await http()
        .post('/auth/refresh')
        .send({ refreshToken: driver.refreshToken })
        .expect(200);

      expect(response.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        user: { id: driver.id, role: 'driver', supplierId: 'northern-oxygen' },
      });
      await http()
        .get('/auth/me')
        .set('Authorization', `Bearer ${response.body.accessToken}`)
        .expect(200);
    });

    it('answers 401 to an access token, a garbled token or a revoked one', async () => {
      const producer = await userWithToken('producer', { facilityId: 'basra-psa' });

      const withAccessToken = await http()
        .post('/auth/refresh')
        .send({ refreshToken: producer.accessToken })
        .expect(401);
      expect(withAccessToken.body.error).toBe('auth.invalid-refresh-token');
      await http().post('/auth/refresh').send({ refreshToken: 'garbage' }).expect(401);

      // A password reset revokes the refresh tokens issued before it.
      await http()
        .patch(`/admin/users/${producer.id}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ password: 'a brand new password' })
        .expect(200);
      const revoked = await http()
        .post('/auth/refresh')
        .send({ refreshToken: producer.refreshToken })
        .expect(401);
      expect(revoked.body.message).toMatch(/^Refresh token revoked/);
      await http()
        .post('/auth/login')
        .send({ username: producer.username, password: 'a brand new password' })
        .expect(200);
    });
  });

  describe('the access token guard', () => {
    it('answers 401 without a token, naming what to send', async () => {
      const response = await http().get('/admin/users').expect(401);

      expect(response.body).toEqual({
        statusCode: 401,
        error: 'auth.missing-token',
        message:
          'Missing access token: send Authorization: Bearer <accessToken> (from POST /auth/login)',
      });
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it('answers 401 to an expired access token, saying to refresh it', async () => {
      const admin = await app.get(UsersService).ensureUser({
        username: uniqueName('admin'),
        password: PASSWORD,
        role: 'admin',
      });
      const { accessToken } = await app
        .get(TokenService)
        .issuePair(
          { ...admin.user, tokenVersion: 0 },
          { familyId: randomUUID(), tokenId: randomUUID() },
          Date.now() - 16 * 60 * 1000,
        );

      const response = await http()
        .get('/admin/users')
        .set('Authorization', `Bearer ${accessToken}`)
        .expect(401);

      expect(response.body).toMatchObject({
        error: 'auth.token-expired',
        message: 'Access token expired; get a new one at POST /auth/refresh',
      });
    });

    it('answers 401 to an invalid token or a malformed header', async () => {
      const tampered = `${adminToken.slice(0, -4)}AAAA`;
      const invalid = await http()
        .get('/admin/users')
        .set('Authorization', `Bearer ${tampered}`)
        .expect(401);
      expect(invalid.body.error).toBe('auth.invalid-token');

      const malformed = await http()
        .get('/admin/users')
        .set('Authorization', `Basic ${Buffer.from('admin:admin').toString('base64')}`)
        .expect(401);
      expect(malformed.body.message).toMatch(/^Malformed Authorization header/);
    });

    it('leaves /health, /docs and /docs-json open', async () => {
      await http().get('/health').expect(200);
      await http().get('/docs').expect(200);
      await http().get('/docs-json').expect(200);
    });
  });

  describe('roles', () => {
    it('answers 403 naming the role needed', async () => {
      const dispatcher = await userWithToken('dispatcher');

      const response = await http()
        .get('/admin/users')
        .set('Authorization', `Bearer ${dispatcher.accessToken}`)
        .expect(403);

      expect(response.body).toEqual({
        statusCode: 403,
        error: 'access.role-required',
        message: 'This action needs role admin; you are dispatcher',
      });
    });
  });

  describe('/admin/users', () => {
    it('lets an admin create a user who can then log in', async () => {
      const username = uniqueName('producer');

      const created = await http()
        .post('/admin/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username, password: PASSWORD, role: 'producer', facilityId: 'basra-psa' })
        .expect(201);

      expect(created.body).toEqual({
        id: expect.any(String),
        username,
        displayName: username,
        role: 'producer',
        facilityId: 'basra-psa',
        supplierId: null,
        homePlantId: null,
        active: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(created.body).not.toHaveProperty('passwordHash');
      const login = await http()
        .post('/auth/login')
        .send({ username, password: PASSWORD })
        .expect(200);
      expect(login.body.user).toMatchObject({
        id: created.body.id,
        role: 'producer',
        facilityId: 'basra-psa',
      });
    });

    it('answers 409 to a username that is taken, in any case', async () => {
      const username = uniqueName('dup');
      const create = (name: string) =>
        http()
          .post('/admin/users')
          .set('Authorization', `Bearer ${adminToken}`)
          .send({ username: name, password: PASSWORD, role: 'analyst' });
      await create(username).expect(201);

      const duplicate = await create(username.toUpperCase()).expect(409);

      expect(duplicate.body).toEqual({
        statusCode: 409,
        error: 'users.username-taken',
        message: `Username ${username.toUpperCase()} is already taken (usernames are case-insensitive)`,
      });
    });

    it('answers 400 naming the field when role and facility do not fit, or a field is unknown', async () => {
      const noFacility = await http()
        .post('/admin/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username: uniqueName('hospital'), password: PASSWORD, role: 'hospital' })
        .expect(400);
      expect(noFacility.body.violations).toEqual([
        {
          field: 'facilityId',
          rule: 'requiredForRole',
          message:
            'facilityId is required for role hospital (a hospital user acts at their own hospital)',
        },
      ]);

      const unknownField = await http()
        .post('/admin/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username: uniqueName('x'), password: PASSWORD, role: 'analyst', isAdmin: true })
        .expect(400);
      expect(unknownField.body.violations).toContainEqual(
        expect.objectContaining({ field: 'isAdmin', rule: 'whitelistValidation' }),
      );

      const badRole = await http()
        .post('/admin/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ username: uniqueName('x'), password: PASSWORD, role: 'superuser' })
        .expect(400);
      expect(badRole.body.violations).toContainEqual(
        expect.objectContaining({ field: 'role', rule: 'isIn' }),
      );
    });

    it('changes role and scope, and disables a user', async () => {
      const user = await userWithToken('hospital', { facilityId: 'najaf-teaching' });
      const patch = (body: object) =>
        http()
          .patch(`/admin/users/${user.id}`)
          .set('Authorization', `Bearer ${adminToken}`)
          .send(body);

      // An analyst has no facility: it must be cleared with the role change.
      const mismatch = await patch({ role: 'analyst' }).expect(400);
      expect(mismatch.body.violations[0]).toMatchObject({
        field: 'facilityId',
        rule: 'notAllowedForRole',
      });
      const changed = await patch({ role: 'analyst', facilityId: null }).expect(200);
      expect(changed.body).toMatchObject({ role: 'analyst', facilityId: null });

      // The next refresh carries the new role.
      const refreshed = await http()
        .post('/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      expect(refreshed.body.user).toMatchObject({ role: 'analyst', facilityId: null });

      await patch({ active: false }).expect(200);
      const disabled = await http()
        .post('/auth/login')
        .send({ username: user.username, password: PASSWORD })
        .expect(401);
      expect(disabled.body.error).toBe('auth.account-disabled');
      await http().post('/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it('lists and reads users, and answers 404 for an unknown id', async () => {
      const supplierId = `sup-${randomUUID().slice(0, 8)}`;
      const dispatcher = await userWithToken('dispatcher', { supplierId });

      const list = await http()
        .get('/admin/users')
        .query({ role: 'dispatcher', supplierId, active: 'true' })
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(list.body).toMatchObject({ page: 1, pageSize: 50, total: 1 });
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([dispatcher.id]);

      await http()
        .get(`/admin/users/${dispatcher.id}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      const missing = await http()
        .get(`/admin/users/${randomUUID()}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(404);
      expect(missing.body.error).toBe('users.not-found');
    });
  });

  it('documents the endpoints and the bearer scheme at /docs-json', async () => {
    const { body } = await http().get('/docs-json').expect(200);

    expect(body.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(
        ['/auth/login', '/auth/refresh', '/admin/users', '/admin/users/{id}'].map(
          (path) => `/api/v1${path}`,
        ),
      ),
    );
    expect(body.paths['/api/v1/admin/users'].post.security).toEqual([{ bearer: [] }]);
    expect(body.paths['/api/v1/auth/login'].post.security).toBeUndefined();
    expect(body.components.schemas.CreateUserRequest.required).toEqual(
      expect.arrayContaining(['username', 'password', 'role']),
    );
  });
});
