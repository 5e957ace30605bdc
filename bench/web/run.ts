/// <reference lib="dom" />
/**
 * Web benchmark: `npm run bench:web [-- --runs <n>]`.
 *
 * 1. The compressed size of the JavaScript the first page needs (the entry script and the
 *    modules it preloads, gzip -9 and brotli), against a 350 KB gzip budget.
 * 2. The time from navigation to the national overview drawn — its KPI tiles and the 18
 *    governorate polygons — in headless Debian Chromium, against the api in this process on
 *    the demo network (a scratch database, dropped after). Median and spread over the runs,
 *    each in a fresh browser context (an empty HTTP cache: a first visit).
 *
 * Builds nothing: run `npm run build:web` first (npm start and npm test do). Writes
 * bench/results/web.json.
 */
import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { NestFactory } from '@nestjs/core';
import { createScratchDatabase } from '@oxyledger/config/testing/scratch-database';
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

async function overviewTimes(runs: number) {
  const database = await createScratchDatabase('benchweb');
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: `bench-web-${process.pid}`,
  });
  const app = await NestFactory.create(AppModule, { logger: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  app.get(ProjectorService).start();
  const demo = await app.get(DemoSeedService).seedIfEmpty();
  const browser = await launchBrowser();
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'analyst', password: 'oxyledger-demo' }),
    });
    const tokens = (await login.json()) as { accessToken: string; refreshToken: string };
    const me = await (
      await fetch(`${base}/api/v1/auth/me`, {
        headers: { Authorization: `Bearer ${tokens.accessToken}` },
      })
    ).json();
    const session = JSON.stringify({ ...tokens, user: me });
    const times: number[] = [];
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
        { timeout: 30_000, polling: 10 },
      );
      const ms = (await drawn.jsonValue()) as number;
      if (run > 0) times.push(ms); // the first warms the api and the database
      await context.close();
    }
    times.sort((a, b) => a - b);
    return {
      data: `demo network (${demo.cylinders} cylinders, 10 hospitals, 5 plants)`,
      runs: times.length,
      medianMs: Math.round(quantile(times, 0.5)),
      p90Ms: Math.round(quantile(times, 0.9)),
      minMs: Math.round(times[0]),
      maxMs: Math.round(times[times.length - 1]),
    };
  } finally {
    await browser.close();
    await app.close();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
  const bundle = initialJavaScript();
  console.log(
    `initial JavaScript: ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzip, ` +
      `${(bundle.brotliBytes / 1024).toFixed(1)} KB brotli, ${(bundle.bytes / 1024).toFixed(1)} KB raw ` +
      `(budget ${BUDGET_GZIP_BYTES / 1024} KB gzip: ${bundle.gzipBytes <= BUDGET_GZIP_BYTES ? 'within' : 'OVER'})`,
  );
  const overview = await overviewTimes(Number(values.runs));
  console.log(
    `overview drawn (KPIs + map) after navigation, ${overview.data}: median ${overview.medianMs} ms, ` +
      `p90 ${overview.p90Ms} ms, min ${overview.minMs}, max ${overview.maxMs} (${overview.runs} runs)`,
  );
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    initialJavaScript: {
      ...bundle,
      budgetGzipBytes: BUDGET_GZIP_BYTES,
      withinBudget: bundle.gzipBytes <= BUDGET_GZIP_BYTES,
    },
    overview,
    nationalScale: 'not measured: the platform has no national-scale dataset for the api yet',
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
