import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '@oxyledger/config';
import { parse } from 'yaml';

/**
 * No Docker engine runs here, so the deployment files are checked by reading them: the services
 * and their start order, images, commands and health checks, and every variable they set against
 * the configuration (libs/config) — so they cannot rot as the code moves on.
 */
const ROOT = join(__dirname, '..', '..');
const APPS = ['api', 'projector', 'planner'] as const;
const DEPENDENCIES = ['postgres', 'redis', 'eventstoredb'] as const;

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}

const compose = parse(readFileSync(join(ROOT, 'docker', 'compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service> };

/** A Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(dockerfile: string): { keyword: string; rest: string }[] {
  return readFileSync(join(ROOT, dockerfile), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), rest: rest.join(' ') };
    });
}

/** Compose interpolation as `docker compose` does it, with `set` standing for the operator's. */
function interpolate(value: string | number, set: Record<string, string>): string {
  return String(value).replace(
    /\$\{(\w+)(?::?([-?])([^}]*))?\}/g,
    (_, name: string, kind?: string, fallback?: string) =>
      set[name] ?? (kind === '-' ? (fallback ?? '') : ''),
  );
}

describe('docker/compose.yml', () => {
  it('runs PostgreSQL, Redis, KurrentDB, the api, the projector and the planner', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...APPS, ...DEPENDENCIES].sort());
  });

  it('pins every image to a version, never latest', () => {
    for (const name of DEPENDENCIES) {
      expect(compose.services[name].image).toMatch(/:(?!latest)[\w.-]+$/);
    }
  });

  it('runs Redis with noeviction, as BullMQ needs', () => {
    const command = compose.services.redis.command!;
    expect(command[command.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
  });

  it('gives every dependency a health check and starts each app only once they are healthy', () => {
    for (const name of DEPENDENCIES) expect(compose.services[name].healthcheck?.test).toBeTruthy();
    for (const app of APPS) {
      const dependsOn = compose.services[app].depends_on ?? {};
      for (const dependency of ['postgres', 'redis']) {
        expect(dependsOn[dependency]).toEqual({ condition: 'service_healthy' });
      }
      for (const [dependency, { condition }] of Object.entries(dependsOn)) {
        expect(condition).toBe('service_healthy');
        // the api's health check is in its Dockerfile
        const healthy =
          compose.services[dependency].healthcheck ??
          instructions(compose.services[dependency].build!.dockerfile).find(
            (line) => line.keyword === 'HEALTHCHECK',
          );
        expect(healthy).toBeTruthy();
      }
    }
  });

  it.each(APPS)('builds %s from its own Dockerfile and lets it finish its work on stop', (app) => {
    const service = compose.services[app];
    expect(service.build).toEqual({ context: '..', dockerfile: `docker/${app}.Dockerfile` });
    const graceMs = Number(service.environment?.SHUTDOWN_GRACE_MS ?? 10_000);
    expect(Number.parseInt(service.stop_grace_period ?? '10s', 10) * 1000).toBeGreaterThan(graceMs);
  });

  it.each(APPS)('sets only configuration variables for %s, each valid', (app) => {
    const environment = compose.services[app].environment ?? {};
    const known = CONFIG_VARIABLES.map((variable) => variable.name);
    expect(Object.keys(environment).filter((name) => !known.includes(name))).toEqual([]);
    // as started with the documented command: only JWT_SECRET set by the operator
    const env = Object.fromEntries(
      Object.entries(environment).map(([name, value]) => [
        name,
        interpolate(value, { JWT_SECRET: 'x'.repeat(48) }),
      ]),
    );
    const config = loadConfig(env);
    expect(config.databaseUrl).toMatch(/@postgres:5432\//);
    expect(config.redisUrl).toBe('redis://redis:6379');
    if (app === 'api') expect(config.runs).toMatchObject({ projector: false, planner: false });
  });

  it('refuses to start without a JWT_SECRET instead of using the development one', () => {
    expect(String(compose.services.api.environment!.JWT_SECRET)).toMatch(/^\$\{JWT_SECRET:\?/);
  });
});

describe.each(APPS)('docker/%s.Dockerfile', (app) => {
  const dockerfile = `docker/${app}.Dockerfile`;
  const lines = instructions(dockerfile);
  const runtime = lines.slice(lines.map((line) => line.keyword).lastIndexOf('FROM'));

  it('is multi-stage: builds in one stage, runs from a fresh one', () => {
    const stages = lines.filter((line) => line.keyword === 'FROM');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0].rest).toMatch(/^node:20[\w.-]*(\s+AS\s+\w+)?$/i);
    expect(runtime.some((line) => /--from=build/.test(line.rest))).toBe(true);
    expect(existsSync(join(ROOT, `${dockerfile}.dockerignore`))).toBe(true);
  });

  it('copies only files that exist', () => {
    for (const line of lines.filter((l) => l.keyword === 'COPY' && !l.rest.includes('--from'))) {
      const sources = line.rest.split(/\s+/).slice(0, -1);
      for (const source of sources.filter((s) => s !== '.')) {
        expect(existsSync(join(ROOT, source))).toBe(true);
      }
    }
  });

  it('runs as a user other than root', () => {
    const user = runtime.filter((line) => line.keyword === 'USER').pop();
    expect(user?.rest).toBeTruthy();
    expect(user?.rest).not.toMatch(/^(root|0)(:|$)/);
  });

  it("starts the app's entry point, the one npm run start:<app> starts", () => {
    const cmd = JSON.parse(runtime.find((line) => line.keyword === 'CMD')!.rest) as string[];
    expect(cmd).toEqual(['node', `dist/apps/${app}/src/main.js`]);
    expect(existsSync(join(ROOT, 'apps', app, 'src', 'main.ts'))).toBe(true);
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
    expect(scripts[`start:${app}`]).toBe(`node dist/apps/${app}/src/main.js`);
  });

  it('has a health check that probes what the app offers', () => {
    const check = runtime.find((line) => line.keyword === 'HEALTHCHECK');
    expect(check).toBeDefined();
    const env = runtime
      .filter((line) => line.keyword === 'ENV')
      .map((line) => line.rest)
      .join(' ');
    if (app === 'api') {
      expect(check!.rest).toContain('/health');
      expect(env).toMatch(/PORT=3000/);
    } else {
      // no HTTP: the heartbeat file the app touches (HEARTBEAT_FILE, libs/config)
      expect(check!.rest).toContain('HEARTBEAT_FILE');
      expect(env).toMatch(/HEARTBEAT_FILE=\/tmp\//);
    }
    for (const [, name] of env.matchAll(/(\w+)=/g)) {
      expect(CONFIG_VARIABLES.map((variable) => variable.name)).toContain(name);
    }
  });

  if (app === 'api') {
    it('carries the built web app it serves at /', () => {
      expect(runtime.some((line) => /apps\/web\/dist/.test(line.rest))).toBe(true);
    });
  }
});
