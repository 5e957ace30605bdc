/**
 * `npm run bench:api-load [-- --short]`: the real api as a child process (projector in the same
 * process), driven over HTTP by separate client processes at rising concurrency. Each client
 * registers a batch of 20 cylinders and fills them (a fill of 20 counts 20 movements), each with
 * an Idempotency-Key, and reads a cylinder and a hospital's supply. Writes bench/results/api-load.json.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScratchDatabase } from '@oxyledger/config/testing/scratch-database';
import { listeningPort, startApp } from '../../test/support/app-process';

interface Sample {
  route: string;
  ms: number;
  status: number;
  movements: number;
  kind: 'command' | 'read';
}

async function client(): Promise<void> {
  const [base, token, plantId, hospitalId, seconds, concurrency] = process.argv.slice(3);
  const deadline = Date.now() + Number(seconds) * 1000;
  const samples: Sample[] = [];
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
  const timed = async (
    route: string,
    kind: Sample['kind'],
    movements: number,
    url: string,
    init: RequestInit = {},
  ) => {
    const start = performance.now();
    const response = await fetch(`${base}${url}`, {
      ...init,
      headers: { ...headers, ...(init.headers ?? {}) },
    });
    await response.arrayBuffer();
    samples.push({
      route,
      kind,
      ms: performance.now() - start,
      status: response.status,
      movements: response.ok ? movements : 0,
    });
    return response;
  };
  const worker = async (w: number) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const prefix = `LD${process.pid}W${w}N${n}`.toUpperCase();
      const serials = Array.from({ length: 20 }, (_, i) => `${prefix}-${i}`);
      await timed('POST /cylinders (20)', 'command', 0, '/cylinders', {
        method: 'POST',
        headers: { 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({
          facilityId: plantId,
          cylinders: serials.map((serial) => ({
            serial,
            sizeCode: 'J',
            ownerId: 'rafidain-oxygen',
            gasGrade: 'oxygen-93',
            manufactureDate: '2022-01-10',
            lastTestDate: '2024-01-10',
          })),
        }),
      });
      await timed('POST /cylinders/fills (20)', 'command', 20, '/cylinders/fills', {
        method: 'POST',
        headers: { 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({
          plantId,
          serials,
          lot: 'LOAD-1',
          purityPercent: 93.4,
          pressureBar: 137,
          operatorId: 'operator-7',
        }),
      });
      await timed('GET /cylinders/:serial', 'read', 0, `/cylinders/${serials[0]}`);
      await timed('GET /hospitals/:id/supply', 'read', 0, `/hospitals/${hospitalId}/supply`);
    }
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, (_, w) => worker(w)));
  process.send!(samples, () => process.exit(0));
}

const pct = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10
  );
};

async function main(): Promise<void> {
  const short = process.argv.includes('--short');
  const steps = short ? [1, 2, 4] : [1, 2, 4, 8, 16];
  const stepSeconds = short ? 15 : 60;
  const clientProcesses = 2;
  const database = await createScratchDatabase('apiload');
  const api = startApp('api', 'apps/api/src/main.ts', {
    PORT: '0',
    DATABASE_URL: database.url,
    DEMO_SEED: 'true',
    RUN_PLANNER: 'false',
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: `apiload-${randomUUID().slice(0, 8)}`,
  });
  try {
    const base = `http://127.0.0.1:${await listeningPort(api)}/api/v1`;
    await api.waitFor(() => api.output.join('').includes('Demo network seeded'));
    const login = (await (
      await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'producer', password: 'oxyledger-demo' }),
      })
    ).json()) as { accessToken: string; user: { facilityId: string } };
    const facilities = (await (
      await fetch(`${base}/facilities?kind=hospital`, {
        headers: { Authorization: `Bearer ${login.accessToken}` },
      })
    ).json()) as { items?: { id: string }[] };
    const hospitalId = facilities.items?.[0]?.id ?? 'unknown';
    const results = [];
    for (const concurrency of steps) {
      const started = Date.now();
      const batches = await Promise.all(
        Array.from(
          { length: clientProcesses },
          () =>
            new Promise<Sample[]>((resolve) => {
              const child = fork(
                __filename,
                [
                  '--client',
                  base,
                  login.accessToken,
                  login.user.facilityId,
                  hospitalId,
                  String(stepSeconds),
                  String(concurrency),
                ],
                {
                  execArgv: [
                    '-r',
                    'ts-node/register/transpile-only',
                    '-r',
                    'tsconfig-paths/register',
                  ],
                },
              );
              child.once('message', (m) => resolve(m as Sample[]));
            }),
        ),
      );
      const seconds = (Date.now() - started) / 1000;
      const samples = batches.flat();
      const routes = [...new Set(samples.map((s) => s.route))].map((route) => {
        const ms = samples.filter((s) => s.route === route).map((s) => s.ms);
        const statuses: Record<string, number> = {};
        for (const s of samples.filter((x) => x.route === route))
          statuses[s.status] = (statuses[s.status] ?? 0) + 1;
        return {
          route,
          count: ms.length,
          p50: pct(ms, 50),
          p95: pct(ms, 95),
          p99: pct(ms, 99),
          statuses,
        };
      });
      const step = {
        clients: clientProcesses * concurrency,
        movementsPerSec: Math.round(samples.reduce((n, s) => n + s.movements, 0) / seconds),
        commandP99Ms: pct(
          samples.filter((s) => s.kind === 'command').map((s) => s.ms),
          99,
        ),
        readP99Ms: pct(
          samples.filter((s) => s.kind === 'read').map((s) => s.ms),
          99,
        ),
        routes,
      };
      console.log(JSON.stringify(step));
      results.push(step);
    }
    const best = results.reduce((a, b) => (b.movementsPerSec > a.movementsPerSec ? b : a));
    mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, '..', 'results', 'api-load.json'),
      JSON.stringify(
        {
          profile: short ? 'short' : 'full',
          at: new Date().toISOString(),
          movementsPerSec: best.movementsPerSec,
          commandP99Ms: best.commandP99Ms,
          readP99Ms: best.readP99Ms,
          steps: results,
          note: 'shared 2-core machine with 7 other engineers working; registration batches are not counted as movements',
        },
        null,
        2,
      ),
    );
  } finally {
    await api.stop();
    await database.drop();
  }
}

if (process.argv[2] === '--client') void client();
else void main();
