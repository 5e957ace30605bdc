/// <reference lib="dom" />
/**
 * Web benchmark: `npm run bench:web [-- --runs <n>]`.
 *
 * 1. The compressed size of the JavaScript the first page needs (the entry script and the
 *    modules it preloads, gzip -9 and brotli), against a 350 KB gzip budget.
 * 2. The time from navigation to the national overview drawn — its KPI tiles and the 18
 *    governorate polygons, then a marker for every facility — in headless Debian Chromium,
 *    against the api in this process on the demo network (a scratch database, dropped after)
 *    and, with `--database-url`, on a database `npm run demo:generate` filled (used as it is:
 *    no demo seed, no projector, since its read models are built and nothing is written).
 *    Median and spread over the runs, each in a fresh browser context (an empty HTTP cache: a
 *    first visit), and the api requests the page made, slowest first.
 *
 * `npm run bench:web [-- --runs <n>] [--database-url postgres://…/oxyledger_national]`.
 * Builds nothing: run `npm run build:web` first (npm start and npm test do). Writes
 * bench/results/web.json.
 */
import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { NestFactory } from '@nestjs/core';
import { createScratchDatabase } from '@oxyledger/config/testing/scratch-database';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { ProjectorService } from '@oxyledger/read-models';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/app.setup';
import { DemoSeedService } from '../../apps/api/src/demo/demo-seed.service';
import { launchBrowser, WEB_ROOT } from '../../test/web/browser';

const BUDGET_GZIP_BYTES = 350 * 1024;

function initialJavaScript() {
  const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => match[1]);
  const sizes = files.map((file) => {
    const content = readFileSync(join(WEB_ROOT, file));
    return {
      file,
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: 9 }).length,
      brotliBytes: brotliCompressSync(content).length,
    };
  });
  const sum = (key: 'bytes' | 'gzipBytes' | 'brotliBytes') =>
    sizes.reduce((total, size) => total + size[key], 0);
  return {
    files: sizes,
    bytes: sum('bytes'),
    gzipBytes: sum('gzipBytes'),
    brotliBytes: sum('brotliBytes'),
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    medianMs: Math.round(quantile(sorted, 0.5)),
    p90Ms: Math.round(quantile(sorted, 0.9)),
    minMs: Math.round(sorted[0]),
    maxMs: Math.round(sorted[sorted.length - 1]),
  };
}

interface ApiRequestTiming {
  path: string;
  /** From the request's start to its answer's last byte, as the browser saw it. */
  durationMs: number;
  /** From navigation to the answer's last byte. */
  endMs: number;
}

/** Logs in as the analyst and times the overview, each run in a fresh browser context. */
async function timeOverview(browser: Browser, base: string, facilities: number, runs: number) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'analyst', password: 'oxyledger-demo' }),
  });
  if (!login.ok) throw new Error(`login as analyst failed: ${login.status} ${await login.text()}`);
  const tokens = (await login.json()) as { accessToken: string; refreshToken: string };
  const me = await (
    await fetch(`${base}/api/v1/auth/me`, {
      headers: { Authorization: `Bearer ${tokens.accessToken}` },
    })
  ).json();
  const session = JSON.stringify({ ...tokens, user: me });
  const kpisAndMap: number[] = [];
  const markers: number[] = [];
  const requests = new Map<string, ApiRequestTiming[]>();
  for (let run = 0; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(
      (value) => localStorage.setItem('oxyledger.session', value),
      session,
    );
    const page = await context.newPage();
    await page.goto(`${base}/overview`);
    const drawn = await page.waitForFunction(
      () =>
        document.querySelectorAll('path.governorate').length === 18 &&
        document.querySelector('[data-testid=kpi-hospitals-critical]') !== null &&
        document.querySelector('[data-testid=kpi-cylinders]') !== null
          ? performance.now()
          : false,
      undefined,
      { timeout: 120_000, polling: 10 },
    );
    // every facility's marker: the map is only whole once the last list has arrived
    const allMarkers = await page.waitForFunction(
      (expected) =>
        document.querySelectorAll('path.facility').length >= expected ? performance.now() : false,
      facilities,
      { timeout: 120_000, polling: 10 },
    );
    const timings = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/api/v1/') && !entry.name.endsWith('/events'))
        .map((entry) => ({
          path: new URL(entry.name).pathname + new URL(entry.name).search,
          durationMs: entry.duration,
          endMs: (entry as PerformanceResourceTiming).responseEnd,
        })),
    );
    if (run > 0) {
      // the first warms the api and the database
      kpisAndMap.push((await drawn.jsonValue()) as number);
      markers.push((await allMarkers.jsonValue()) as number);
      for (const timing of timings) {
        requests.set(timing.path, [...(requests.get(timing.path) ?? []), timing]);
      }
    }
    await context.close();
  }
  // in the page the requests share the api's one thread; alone, each shows its own cost
  const apiRequests = [];
  for (const [path, timings] of requests) {
    const alone: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, {
        headers: { Authorization: `Bearer ${tokens.accessToken}` },
      });
      await response.arrayBuffer();
      alone.push(performance.now() - started);
    }
    apiRequests.push({
      path,
      requests: timings.length,
      inPageMedianMs: spread(timings.map((t) => t.durationMs)).medianMs,
      doneAtMedianMs: spread(timings.map((t) => t.endMs)).medianMs,
      aloneMedianMs: spread(alone).medianMs,
    });
  }
  return {
    runs: kpisAndMap.length,
    ...spread(kpisAndMap),
    allMarkers: { facilities, ...spread(markers) },
    apiRequests: apiRequests.sort((a, b) => b.aloneMedianMs - a.aloneMedianMs),
  };
}

async function countData(databaseUrl: string) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const count = async (sql: string) => Number((await client.query(sql)).rows[0].count);
    return {
      hospitals: await count(`SELECT count(*) FROM app.facilities WHERE kind = 'hospital'`),
      plants: await count(`SELECT count(*) FROM app.facilities WHERE kind = 'producer'`),
      facilities: await count(`SELECT count(*) FROM app.facilities`),
      cylinders: await count(`SELECT count(*) FROM app.cylinder_states`),
      events: await count(`SELECT count(*) FROM ledger.events`),
    };
  } finally {
    await client.end();
  }
}

/** The api in this process on `databaseUrl`; the demo network seeded first when asked. */
async function startApi(databaseUrl: string, demo: boolean) {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `bench-web-${process.pid}`,
    DEMO_SEED: String(demo),
    // one login for the whole run, however long the machine's load makes it
    ACCESS_TOKEN_TTL_SECONDS: '86400',
  });
  const app = await NestFactory.create(AppModule, { logger: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  if (demo) {
    app.get(ProjectorService).start();
    await app.get(DemoSeedService).seedIfEmpty();
  }
  return { app, base };
}

async function demoOverview(browser: Browser, runs: number) {
  const database = await createScratchDatabase('benchweb');
  const { app, base } = await startApi(database.url, true);
  try {
    const data = await countData(database.url);
    return {
      data: `demo network (${data.cylinders} cylinders, ${data.hospitals} hospitals, ${data.plants} plants)`,
      loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
      ...(await timeOverview(browser, base, data.facilities, runs)),
    };
  } finally {
    await app.close();
    await database.drop();
  }
}

async function nationalOverview(browser: Browser, databaseUrl: string, runs: number) {
  const data = await countData(databaseUrl);
  const { app, base } = await startApi(databaseUrl, false);
  try {
    return {
      data:
        `generated country (${data.hospitals} hospitals, ${data.plants} plants, ` +
        `${data.cylinders} cylinders, ${data.events} events)`,
      loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
      ...(await timeOverview(browser, base, data.facilities, runs)),
    };
  } finally {
    await app.close();
  }
}

type Overview = Awaited<ReturnType<typeof demoOverview>>;

function print(overview: Overview) {
  console.log(
    `overview drawn (KPIs + map) after navigation, ${overview.data}: median ${overview.medianMs} ms, ` +
      `p90 ${overview.p90Ms} ms, min ${overview.minMs}, max ${overview.maxMs} (${overview.runs} runs); ` +
      `every marker: median ${overview.allMarkers.medianMs} ms; load average ${overview.loadAverage.join(' ')}`,
  );
  for (const request of overview.apiRequests.slice(0, 5)) {
    console.log(
      `  ${request.path}: alone ${request.aloneMedianMs} ms, in the page ${request.inPageMedianMs} ms, ` +
        `done at ${request.doneAtMedianMs} ms`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '10' },
      'database-url': { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  const bundle = initialJavaScript();
  console.log(
    `initial JavaScript: ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzip, ` +
      `${(bundle.brotliBytes / 1024).toFixed(1)} KB brotli, ${(bundle.bytes / 1024).toFixed(1)} KB raw ` +
      `(budget ${BUDGET_GZIP_BYTES / 1024} KB gzip: ${bundle.gzipBytes <= BUDGET_GZIP_BYTES ? 'within' : 'OVER'})`,
  );
  const browser = await launchBrowser();
  let overview: Overview;
  let nationalScale: Overview | string =
    'not measured: pass --database-url of a database filled by npm run demo:generate';
  try {
    overview = await demoOverview(browser, runs);
    print(overview);
    if (values['database-url']) {
      nationalScale = await nationalOverview(browser, values['database-url'], runs);
      print(nationalScale);
    }
  } finally {
    await browser.close();
  }
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    initialJavaScript: {
      ...bundle,
      budgetGzipBytes: BUDGET_GZIP_BYTES,
      withinBudget: bundle.gzipBytes <= BUDGET_GZIP_BYTES,
    },
    overview,
    nationalScale,
  };
  const out = join(__dirname, '..', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'web.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('wrote bench/results/web.json');
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
