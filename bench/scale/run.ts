/**
 * Reads at national scale: `npm run bench:scale [-- --database-url … --requests 60 --label after]`.
 *
 * Runs the api (in this process, projector and planner off) against a database filled by
 * `npm run demo:generate`, and times every dashboard and list endpoint and a few main commands
 * over HTTP, one request at a time: p50/p99/max per endpoint. Every GET operation of the
 * OpenAPI document is either measured or listed as not measured, with why. Prints a table and
 * writes bench/results/scale.json (or --out).
 */
import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { round, summarize, type LatencySummary } from '../event-store/stats';

const { values: flags } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    requests: { type: 'string' },
    label: { type: 'string' },
    out: { type: 'string' },
    only: { type: 'string' },
  },
});
const databaseUrl =
  flags['database-url'] ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/oxyledger_scale';
const requests = Number(flags.requests ?? 60);
const out = flags.out ?? join(__dirname, '..', 'results', 'scale.json');

interface Sample {
  hospitalId: string;
  plantId: string;
  tripId: string;
  serial: string;
  ownerId: string;
  lot: string;
  governorate: string;
  at: string;
}

async function sampleIds(): Promise<Sample & { events: number; cylinders: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string) => Object.values((await client.query(sql)).rows[0] ?? {})[0];
    return {
      hospitalId: (await one(
        `SELECT id FROM app.facilities WHERE kind = 'hospital' ORDER BY id LIMIT 1`,
      )) as string,
      plantId: (await one(
        `SELECT id FROM app.facilities WHERE kind = 'producer' ORDER BY id LIMIT 1`,
      )) as string,
      governorate: 'Baghdad',
      tripId: (await one(`SELECT trip_id FROM app.trips ORDER BY trip_id DESC LIMIT 1`)) as string,
      serial: (await one(
        `SELECT serial FROM app.cylinder_states ORDER BY serial LIMIT 1`,
      )) as string,
      ownerId: (await one(`SELECT owner_id FROM app.cylinder_states LIMIT 1`)) as string,
      lot: (await one(`SELECT lot FROM app.lot_fills ORDER BY filled_at DESC LIMIT 1`)) as string,
      at: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      events: Number(await one(`SELECT count(*) FROM ledger.events`)),
      cylinders: Number(await one(`SELECT count(*) FROM app.cylinder_states`)),
    };
  } finally {
    await client.end();
  }
}

/** Every read the dashboards make, with ids from the data; `{…}` paths as in the OpenAPI document. */
function reads(s: Sample): { route: string; path: string }[] {
  const q = encodeURIComponent;
  return [
    { route: 'GET /stock/national', path: '/stock/national' },
    { route: 'GET /stock/governorates', path: '/stock/governorates' },
    { route: 'GET /stock/facilities', path: '/stock/facilities' },
    {
      route: 'GET /stock/facilities?governorate=',
      path: `/stock/facilities?governorate=${s.governorate}`,
    },
    { route: 'GET /facilities/{id}/stock', path: `/facilities/${s.hospitalId}/stock` },
    {
      route: 'GET /facilities/{id}/stock?at=',
      path: `/facilities/${s.hospitalId}/stock?at=${q(s.at)}`,
    },
    {
      route: 'GET /facilities/{id}/stock?at= (plant)',
      path: `/facilities/${s.plantId}/stock?at=${q(s.at)}`,
    },
    { route: 'GET /suppliers/{ownerId}/float', path: `/suppliers/${s.ownerId}/float` },
    { route: 'GET /supply/hospitals', path: '/supply/hospitals' },
    { route: 'GET /supply/rollup', path: '/supply/rollup' },
    { route: 'GET /hospitals/{id}/supply', path: `/hospitals/${s.hospitalId}/supply` },
    { route: 'GET /hospitals/{id}/demand', path: `/hospitals/${s.hospitalId}/demand` },
    { route: 'GET /supply/reporting', path: '/supply/reporting' },
    { route: 'GET /alerts', path: '/alerts' },
    { route: 'GET /scan-conflicts', path: '/scan-conflicts' },
    { route: 'GET /plants', path: '/plants' },
    { route: 'GET /plants/{id}', path: `/plants/${s.plantId}` },
    { route: 'GET /trips', path: '/trips' },
    { route: 'GET /trips?status=COMPLETED', path: '/trips?status=COMPLETED' },
    { route: 'GET /trips/{id}', path: `/trips/${s.tripId}` },
    { route: 'GET /trips/{id}/reconciliation', path: `/trips/${s.tripId}/reconciliation` },
    { route: 'GET /trips/{id}/expected-cylinders', path: `/trips/${s.tripId}/expected-cylinders` },
    { route: 'GET /reconciliation/trips', path: '/reconciliation/trips' },
    { route: 'GET /reconciliation/demurrage', path: '/reconciliation/demurrage' },
    { route: 'GET /reconciliation/receipts', path: '/reconciliation/receipts' },
    { route: 'GET /plans', path: '/plans' },
    { route: 'GET /plans/runs', path: '/plans/runs' },
    { route: 'GET /cylinders', path: '/cylinders' },
    { route: 'GET /cylinders?facilityId=', path: `/cylinders?facilityId=${s.hospitalId}` },
    { route: 'GET /cylinders/{serial}', path: `/cylinders/${s.serial}` },
    { route: 'GET /attention/tests-due', path: '/attention/tests-due' },
    { route: 'GET /attention/idle-at-hospitals', path: '/attention/idle-at-hospitals' },
    { route: 'GET /attention/in-transit', path: '/attention/in-transit' },
    { route: 'GET /attention/lost', path: '/attention/lost' },
    { route: 'GET /fills/daily', path: '/fills/daily' },
    { route: 'GET /fills/lots', path: `/fills/lots?plantId=${s.plantId}` },
    { route: 'GET /facilities', path: '/facilities' },
    { route: 'GET /facilities/{id}', path: `/facilities/${s.hospitalId}` },
    { route: 'GET /vehicles', path: '/vehicles' },
    { route: 'GET /admin/users', path: '/admin/users' },
    { route: 'GET /projections', path: '/projections' },
    { route: 'GET /partners/vocabulary', path: '/partners/vocabulary' },
    { route: 'GET /partners/people', path: '/partners/people' },
    { route: 'GET /partners/people/export.csv', path: '/partners/people/export.csv' },
    { route: 'GET /partners/organisations', path: '/partners/organisations' },
    { route: 'GET /partners/experts', path: `/partners/experts?facilityId=${s.plantId}` },
    { route: 'GET /help-requests', path: '/help-requests' },
    { route: 'GET /help-requests/stats', path: '/help-requests/stats' },
    { route: 'GET /notifications', path: '/notifications' },
    { route: 'GET /notifications/unread-count', path: '/notifications/unread-count' },
    { route: 'GET /notifications/settings', path: '/notifications/settings' },
    { route: 'GET /admin/notifications/webhooks', path: '/admin/notifications/webhooks' },
    { route: 'GET /admin/notifications/dead-letters', path: '/admin/notifications/dead-letters' },
  ];
}

/** Not measured, and why. */
const SKIPPED: Record<string, string> = {
  '/events': 'server-sent events stream',
  '/delivery-proofs/{sha256}': 'a stored photo, no generated proofs',
  '/plans/{planId}': 'no plans in generated data',
  '/lots/{lot}/recall': 'a recall report; no lot recalled in generated data',
  '/trips/{tripId}/manifest': 'only trips of an approved plan have one; no plans generated',
  '/plans/runs/failed': 'queue state in Redis, not data-size dependent',
  '/auth/me': 'no data read',
  '/admin/users/{id}': 'one row by key',
  '/vehicles/{id}': 'one row by key',
  '/facilities/{facilityId}/staff': 'one facility’s users by key',
  '/health': 'probe',
  '/health/ready': 'probe',
  '/partners/people/{id}': 'no partners in generated data',
  '/partners/people/{id}/history': 'no partners in generated data',
  '/partners/organisations/{id}': 'no partners in generated data',
  '/partners/organisations/{id}/history': 'no partners in generated data',
  '/help-requests/{id}': 'no help requests in generated data',
  '/help-requests/{id}/suggestions': 'no help requests in generated data',
  '/help-requests/photos/{sha256}': 'a stored photo, no help requests in generated data',
};

async function main(): Promise<void> {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    EVENT_STORE: 'postgres',
    LOG_LEVEL: 'silent',
    DEMO_SEED: 'false',
    // one login for the whole run, however long the machine's load makes it
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  });
  const sample = await sampleIds();
  const { AppModule } = await import('../../apps/api/src/app.module');
  const { configureApp, API_PREFIX } = await import('../../apps/api/src/app.setup');
  const app = await NestFactory.create(AppModule, { logger: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const api = `${base}/${API_PREFIX.replace(/^\//, '')}`;
  try {
    const login = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'oxyledger-demo' }),
    });
    if (!login.ok) throw new Error(`login as admin failed: ${login.status} ${await login.text()}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const headers = { authorization: `Bearer ${token}` };

    const results: { route: string; status: number; bytes: number; latencyMs: LatencySummary }[] =
      [];
    const chosen = reads(sample).filter((read) => !flags.only || read.route.includes(flags.only));
    for (const read of chosen) {
      const times: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let i = 0; i < requests + 3; i++) {
        const started = performance.now();
        const response = await fetch(`${api}${read.path}`, { headers });
        const body = await response.arrayBuffer();
        const elapsed = performance.now() - started;
        status = response.status;
        bytes = body.byteLength;
        if (i >= 3) times.push(elapsed); // the first few warm caches and plans
      }
      // recorded and reported rather than thrown: one refused read must not lose a long run
      if (status !== 200) process.stderr.write(`${read.route}: ${status} (expected 200)\n`);
      const latencyMs = summarize(times);
      results.push({ route: read.route, status, bytes, latencyMs });
      process.stderr.write(
        `${read.route.padEnd(44)} ${String(status).padEnd(4)} p50 ${round(latencyMs.p50)} ms, p99 ${round(latencyMs.p99)} ms\n`,
      );
    }

    const commands = await measureCommands(api, headers, sample);
    const documented = await fetch(`${base}/docs-json`).then((r) =>
      r.ok ? r.json() : { paths: {} },
    );
    const measuredTemplates = new Set(chosen.map((read) => read.route.split(' ')[1].split('?')[0]));
    const notMeasured = Object.entries((documented as { paths: Record<string, object> }).paths)
      .filter(([, operations]) => 'get' in operations)
      .map(([path]) => normalize(path))
      .filter((path) => ![...measuredTemplates].some((measured) => normalize(measured) === path))
      .map((path) => ({
        path,
        why:
          Object.entries(SKIPPED).find(([skipped]) => normalize(skipped) === path)?.[1] ??
          'not in the list: add it',
      }));

    const report = {
      label: flags.label ?? 'current',
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => round(l)) },
      data: { events: sample.events, cylinders: sample.cylinders },
      requestsPerEndpoint: requests,
      reads: results.map((r) => ({
        route: r.route,
        status: r.status,
        bytes: r.bytes,
        p50: round(r.latencyMs.p50),
        p99: round(r.latencyMs.p99),
        max: round(r.latencyMs.max),
      })),
      commands,
      notMeasured,
      over50msP99: results.filter((r) => r.latencyMs.p99 >= 50).map((r) => r.route),
      notOk: results.filter((r) => r.status !== 200).map((r) => `${r.route}: ${r.status}`),
    };
    printTable(report);
    mkdirSync(dirname(out), { recursive: true });
    const previous = readPrevious(out);
    previous[report.label] = report;
    writeFileSync(out, `${JSON.stringify(previous, null, 2)}\n`);
    console.log(`\nWritten to ${out} (under "${report.label}")`);
  } finally {
    await app.close();
  }
}

function normalize(path: string): string {
  return path
    .replace(/^\/?api\/v1/, '')
    .replace(/^\/+/, '/')
    .replace(/\{[^}]+\}/g, '{id}')
    .replace('{id}/recall', '{lot}/recall');
}

function readPrevious(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The main commands, each timed: a census, a registration and a fill of a manifold of 20. */
async function measureCommands(
  api: string,
  headers: Record<string, string>,
  sample: Sample,
): Promise<{ command: string; p50: number; p99: number; count: number }[]> {
  const run = Date.now().toString(36).toUpperCase();
  const post = async (path: string, body: unknown) => {
    const started = performance.now();
    const response = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`POST ${path}: ${response.status} ${text}`);
    return performance.now() - started;
  };
  const count = Math.min(requests, 30);
  // In this order each round: the fill is of the cylinders the registration just brought in.
  const steps: { command: string; path: string; body(i: number, serials: string[]): unknown }[] = [
    {
      command: 'POST /hospitals/{id}/census',
      path: `/hospitals/${sample.hospitalId}/census`,
      body: (i) => ({ severe: i % 5, critical: i % 3 }),
    },
    {
      command: 'POST /cylinders (20 cylinders)',
      path: '/cylinders',
      body: (_, serials) => ({
        facilityId: sample.plantId,
        cylinders: serials.map((serial) => ({
          serial,
          sizeCode: 'J',
          ownerId: sample.ownerId,
          gasGrade: 'oxygen-93',
          manufactureDate: '2020-01-15',
          lastTestDate: '2024-01-15',
        })),
      }),
    },
    {
      command: 'POST /cylinders/fills (20 cylinders)',
      path: '/cylinders/fills',
      body: (_, serials) => ({
        plantId: sample.plantId,
        serials,
        lot: `BENCH-${run}`,
        purityPercent: 93.5,
        pressureBar: 137,
        operatorId: 'bench',
      }),
    },
  ];
  const latency = steps.map(() => [] as number[]);
  for (let i = 0; i < count; i++) {
    const serials = Array.from({ length: 20 }, (_, n) => `BENCH-${run}-${i}-${n}`);
    for (const [s, step] of steps.entries()) {
      latency[s].push(await post(step.path, step.body(i, serials)));
    }
  }
  return steps.map((step, s) => {
    const summary = summarize(latency[s]);
    return {
      command: step.command,
      p50: round(summary.p50),
      p99: round(summary.p99),
      count: summary.count,
    };
  });
}

function printTable(report: {
  reads: { route: string; status: number; p50: number; p99: number }[];
  commands: { command: string; p50: number; p99: number }[];
  data: { events: number; cylinders: number };
  notMeasured: { path: string; why: string }[];
}): void {
  console.log(
    `\nOn ${report.data.events.toLocaleString('en')} events, ${report.data.cylinders.toLocaleString('en')} cylinders:\n`,
  );
  console.log(`| ${'endpoint'.padEnd(44)} | status | p50 ms | p99 ms |`);
  console.log(`| ${'-'.repeat(44)} | ------ | ------ | ------ |`);
  for (const r of report.reads) {
    console.log(
      `| ${r.route.padEnd(44)} | ${String(r.status).padStart(6)} | ${String(r.p50).padStart(6)} | ${String(r.p99).padStart(6)} |`,
    );
  }
  for (const c of report.commands) {
    console.log(
      `| ${c.command.padEnd(44)} |    201 | ${String(c.p50).padStart(6)} | ${String(c.p99).padStart(6)} |`,
    );
  }
  for (const skipped of report.notMeasured)
    console.log(`not measured: ${skipped.path} (${skipped.why})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
