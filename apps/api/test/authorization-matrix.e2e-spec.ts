import { createHmac, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { CONFIG_DEFAULTS } from '@oxyledger/config';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '@oxyledger/config/testing/scratch-database';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ROLES, type Role } from '../src/access/actor';
import { UsersService } from '../src/access/users/users.service';
import { startTestApp, TEST_PASSWORD, type TestApp, uniqueName } from './support/test-app';
import { writeFingerprint } from './support/write-fingerprint';

/**
 * Generated from the OpenAPI document: every operation × every role (from ROLES, so a new role
 * is covered without touching this file) in three scopes (own facility/supplier, another
 * facility, another supplier) × bad tokens. Asserts the README's role table for the guarded
 * reads, that nothing answers 5xx, and that no refused request writes anything.
 */
type Scope = 'own' | 'other-facility' | 'other-supplier';
const SCOPES: Scope[] = ['own', 'other-facility', 'other-supplier'];
const OWN = { facility: 'matrix-hospital-a', supplier: 'matrix-supplier-a' };
const OTHER = { facility: 'matrix-hospital-b', supplier: 'matrix-supplier-b' };

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  secured: boolean;
}

/** The README's table for reads of health data and cylinder histories (2xx/404 = allowed). */
const DEMAND_READERS: Record<string, (scope: Scope) => boolean> = {
  admin: () => true,
  analyst: () => true,
  dispatcher: () => true,
  hospital: (scope) => scope === 'own',
};

describe('api (e2e): authorization matrix from the OpenAPI document', () => {
  let database: ScratchDatabase;
  let api: TestApp;
  let operations: Operation[];
  const tokens = new Map<string, string>();
  let deactivatedToken: string;

  beforeAll(async () => {
    database = await createScratchDatabase('authz');
    api = await startTestApp({ databaseUrl: database.url });
    const document = (await api.http().get('/docs-json').expect(200)).body as OpenAPIObject;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((method) => item[method] !== undefined)
        .map((method) => ({
          method,
          path: path.replace(/^\/api\/v1/, ''),
          secured: (item[method]!.security ?? []).length > 0,
        })),
    );
    for (const role of ROLES as readonly Role[]) {
      for (const scope of SCOPES) {
        const place = scope === 'other-supplier' ? OTHER : OWN;
        const facilityRole = role === 'producer' || role === 'hospital';
        const supplierRole = role === 'dispatcher' || role === 'driver';
        tokens.set(
          `${role}/${scope}`,
          await tokenFor(role, {
            ...(facilityRole && {
              facilityId: scope === 'other-facility' ? OTHER.facility : place.facility,
            }),
            ...(supplierRole && scope !== 'own' && { supplierId: OTHER.supplier }),
            ...(supplierRole && scope === 'own' && { supplierId: OWN.supplier }),
          }),
        );
      }
    }
    const deactivated = await api.login('admin');
    deactivatedToken = deactivated.accessToken;
    const admin = await api.login('admin');
    await api
      .http()
      .patch(`/admin/users/${deactivated.id}`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ active: false })
      .expect(200);
    console.log(`authorization matrix: ${operations.length} operations × ${tokens.size} actors`);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  async function tokenFor(role: Role, scope: { facilityId?: string; supplierId?: string }) {
    const username = uniqueName(role);
    await api.app
      .get(UsersService)
      .ensureUser({ username, password: TEST_PASSWORD, role, ...scope });
    const response = await api
      .http()
      .post('/auth/login')
      .send({ username, password: TEST_PASSWORD });
    return response.body.accessToken as string;
  }

  /** The answer's status; a stream (server-sent events) that stays open counts as a 200. */
  async function call(
    operation: Operation,
    token?: string,
  ): Promise<{ status: number; body: { message?: unknown } }> {
    try {
      return await send(operation, token).timeout({ deadline: 3_000 });
    } catch (error) {
      if ((error as { timeout?: number }).timeout) return { status: 200, body: {} };
      throw error;
    }
  }

  function send(operation: Operation, token?: string) {
    const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
      /facility|hospital|plant/i.test(name) || name === 'id' ? OWN.facility : `matrix-${name}-1`,
    );
    const request = api.http()[operation.method](path);
    if (token) request.set('Authorization', `Bearer ${token}`);
    return operation.method === 'get' || operation.method === 'delete' ? request : request.send({});
  }

  const fingerprint = () => writeFingerprint(api.app.get(DataSource));

  it('refuses every bad token on every secured operation with 401, writing nothing', async () => {
    const key = createHmac('sha256', CONFIG_DEFAULTS.JWT_SECRET)
      .update('oxyledger:access-token')
      .digest();
    const claims = {
      sub: randomUUID(),
      typ: 'access',
      role: 'admin',
      sid: randomUUID(),
      iss: 'oxyledger',
      aud: 'oxyledger-api',
    };
    const now = Math.floor(Date.now() / 1000);
    const jwt = new JwtService();
    const bad: Record<string, string | undefined> = {
      none: undefined,
      expired: await jwt.signAsync(
        { ...claims, iat: now - 7200, exp: now - 3600 },
        { secret: key },
      ),
      'wrong signature': await jwt.signAsync(
        { ...claims, iat: now, exp: now + 600 },
        {
          secret: 'another-secret-of-at-least-32-characters',
        },
      ),
      'no exp': await jwt.signAsync({ ...claims, iat: now }, { secret: key }),
      'deactivated user': deactivatedToken,
    };
    const before = await fingerprint();
    const wrong: string[] = [];
    for (const operation of operations.filter((candidate) => candidate.secured)) {
      for (const [label, token] of Object.entries(bad)) {
        const response = await call(operation, token);
        if (response.status !== 401) {
          wrong.push(`${operation.method} ${operation.path} with ${label}: ${response.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toBe(before);
  }, 300_000);

  it('answers every operation for every role and scope without a 5xx; refusals write nothing', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      // One fingerprint around all actors' calls; per call only where some call was accepted.
      const before = await fingerprint();
      const accepted: string[] = [];
      for (const [actor, token] of tokens) {
        const response = await call(operation, token);
        const label = `${operation.method} ${operation.path} as ${actor}`;
        if (response.status >= 500) wrong.push(`${label}: ${response.status}`);
        if (response.status >= 400 && typeof response.body?.message !== 'string') {
          wrong.push(`${label}: ${response.status} without a message`);
        }
        if (response.status < 400) accepted.push(actor);
      }
      if (accepted.length === 0) {
        if ((await fingerprint()) !== before) {
          wrong.push(`${operation.method} ${operation.path}: refused for everyone but wrote`);
        }
        continue;
      }
      for (const [actor, token] of tokens) {
        if (accepted.includes(actor)) continue;
        const start = await fingerprint();
        const response = await call(operation, token);
        if (response.status >= 400 && (await fingerprint()) !== start) {
          wrong.push(`${operation.method} ${operation.path} as ${actor}: refused but wrote`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it('lets only the README table’s roles read a hospital’s census and demand', async () => {
    const wrong: string[] = [];
    for (const [actor, token] of tokens) {
      const [role, scope] = actor.split('/') as [Role, Scope];
      const response = await api
        .http()
        .get(`/hospitals/${OWN.facility}/demand`)
        .set('Authorization', `Bearer ${token}`);
      const allowed = DEMAND_READERS[role]?.(scope) ?? false;
      const refused = response.status === 403;
      if (allowed === refused) wrong.push(`${actor}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
