import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ensureDatabaseExists } from '@oxyledger/config';
import { testDatabaseUrl } from '@oxyledger/config/testing/scratch-database';
import request from 'supertest';
import type { Role } from '../../src/access/actor';
import { UsersService } from '../../src/access/users/users.service';
import { AppModule } from '../../src/app.module';
import { API_PREFIX, configureApp } from '../../src/app.setup';
import { CLOCK, type Clock } from '@oxyledger/planning';

/** The real api module against the real PostgreSQL server: this run's test database. */
export { testDatabaseUrl };

export const TEST_PASSWORD = 'a long test password';

/** A name no other test (in this file or another, in this run or an earlier one) uses. */
export function uniqueName(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

export interface TestApp {
  app: INestApplication;
  /** Requests to the api; a path like `/cylinders` goes to `/api/v1/cylinders`. */
  http: () => ReturnType<typeof request>;
  /** Creates a user from code, as the demo seed does, and logs them in. */
  login(
    role: Role,
    scope?: { facilityId?: string; supplierId?: string },
  ): Promise<{ id: string; username: string; accessToken: string }>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    databaseUrl?: string;
    webRoot?: string;
    /** Pins the time planning reads, so a plan does not depend on the hour the test runs. */
    planningClock?: Clock;
  } = {},
): Promise<TestApp> {
  const savedEnv = { ...process.env };
  const databaseUrl = options.databaseUrl ?? testDatabaseUrl();
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    EVENT_STORE: 'postgres',
    LOG_LEVEL: 'silent',
  });
  await ensureDatabaseExists(databaseUrl);
  const builder = Test.createTestingModule({ imports: [AppModule] });
  if (options.planningClock) builder.overrideProvider(CLOCK).useValue(options.planningClock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app, { webRoot: options.webRoot });
  await app.init();
  const http = () => apiRequest(app);
  return {
    app,
    http,
    async login(role, scope = {}) {
      const username = uniqueName(role);
      const { user } = await app
        .get(UsersService)
        .ensureUser({ username, password: TEST_PASSWORD, role, ...scope });
      const response = await http().post('/auth/login').send({ username, password: TEST_PASSWORD });
      if (response.status !== 200)
        throw new Error(`login failed: ${JSON.stringify(response.body)}`);
      return { id: user.id, username, accessToken: response.body.accessToken as string };
    },
    async close() {
      await app.close();
      process.env = savedEnv;
    },
  };
}

/** Paths served outside the API prefix: probes and the OpenAPI page. */
const UNPREFIXED = /^\/(api|docs|docs-json|health|metrics)(\/|$|\?)/;

/**
 * supertest against the app, with the API prefix added to each path, so tests name operations
 * as the OpenAPI tags do (`/cylinders`, not `/api/v1/cylinders`).
 */
export function apiRequest(app: INestApplication): ReturnType<typeof request> {
  const agent = request(app.getHttpServer());
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (path: unknown, ...rest: unknown[]) =>
        (value as (...args: unknown[]) => unknown).call(
          target,
          typeof path === 'string' && path.startsWith('/') && !UNPREFIXED.test(path)
            ? `/${API_PREFIX}${path}`
            : path,
          ...rest,
        );
    },
  });
}
