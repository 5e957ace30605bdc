/**
 * `npm run bench:api-load [-- --short] [--projector-apart]`: the real api as a child process
 * (projector in the same process, or with `--projector-apart` in its own; `--instrument` counts
 * its SQL statements and pool waits), driven over HTTP by separate client processes at rising concurrency. Each client
 * registers a batch of 20 cylinders and fills them (a fill of 20 counts 20 movements), each with
 * an Idempotency-Key, and reads a cylinder and a hospital's supply. Writes bench/results/api-load.json.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createScratchDatabase } from '@oxyledger/config/testing/scratch-database';
import { listeningPort, registrationBody, startApp } from '../../test/support/app-process';

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
        body: JSON.stringify(registrationBody(plantId, ...serials)),
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
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: Number(concurrency) }, (_, w) => worker(w)));
  const cpu = process.cpuUsage(cpuBefore);
  const report: ClientReport = { samples, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  process.send!(report, () => process.exit(0));
}

interface ClientReport {
  samples: Sample[];
  cpuSeconds: number;
}

/** CPU seconds a process has used so far (Linux /proc; 0 where it cannot be read). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the PostgreSQL backends serving `database`. */
async function databaseCpuSeconds(url: string, database: string): Promise<Map<number, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return new Map(rows.map(({ pid }) => [pid, cpuSecondsOf(pid)]));
  } finally {
    await client.end();
  }
}

/** CPU used between two readings; a backend that started in between counts from zero. */
function cpuUsedBetween(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, seconds] of after) used += seconds - (before.get(pid) ?? 0);
  return used;
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
  // The target is for one process; apart, the api and projector CPU can be told apart.
  const projectorApart = process.argv.includes('--projector-apart');
  // SQL statements and pool waits of the api, counted by a preload (instrument.js).
  const instrumentFile = process.argv.includes('--instrument')
    ? join(tmpdir(), `api-load-instrument-${process.pid}.json`)
    : undefined;
  const steps = short ? [1, 2, 4] : [1, 2, 4, 8, 16];
  const stepSeconds = short ? 15 : 60;
  const clientProcesses = 2;
  const database = await createScratchDatabase('apiload');
  const queuePrefix = `${process.env.QUEUE_PREFIX ?? 'apiload'}-${randomUUID().slice(0, 8)}`;
  const api = startApp('api', 'apps/api/src/main.ts', {
    PORT: '0',
    DATABASE_URL: database.url,
    DEMO_SEED: 'true',
    RUN_PLANNER: 'false',
    RUN_PROJECTOR: projectorApart ? 'false' : 'true',
    ...(instrumentFile && {
      NODE_OPTIONS: `-r ${join(__dirname, 'instrument.js')}`,
      API_LOAD_INSTRUMENT_FILE: instrumentFile,
    }),
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: queuePrefix,
  });
  const projector = projectorApart
    ? startApp('projector', 'apps/projector/src/main.ts', {
        DATABASE_URL: database.url,
        LOG_LEVEL: 'info',
        QUEUE_PREFIX: queuePrefix,
      })
    : undefined;
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
    if (instrumentFile) api.child.kill('SIGUSR2'); // count from here: the seed is done
    for (const concurrency of steps) {
      const started = Date.now();
      const apiCpuBefore = cpuSecondsOf(api.child.pid);
      const projectorCpuBefore = cpuSecondsOf(projector?.child.pid);
      const databaseCpuBefore = await databaseCpuSeconds(database.url, database.name);
      const reports = await Promise.all(
        Array.from(
          { length: clientProcesses },
          () =>
            new Promise<ClientReport>((resolve) => {
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
              child.once('message', (m) => resolve(m as ClientReport));
            }),
        ),
      );
      const seconds = (Date.now() - started) / 1000;
      const apiCpu = cpuSecondsOf(api.child.pid) - apiCpuBefore;
      const projectorCpu = cpuSecondsOf(projector?.child.pid) - projectorCpuBefore;
      const databaseCpu = cpuUsedBetween(
        databaseCpuBefore,
        await databaseCpuSeconds(database.url, database.name),
      );
      const samples = reports.flatMap((report) => report.samples);
      const clientsCpu = reports.reduce((sum, report) => sum + report.cpuSeconds, 0);
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
        movements: samples.reduce((n, s) => n + s.movements, 0),
        movementsPerSec: Math.round(samples.reduce((n, s) => n + s.movements, 0) / seconds),
        commandP99Ms: pct(
          samples.filter((s) => s.kind === 'command').map((s) => s.ms),
          99,
        ),
        readP99Ms: pct(
          samples.filter((s) => s.kind === 'read').map((s) => s.ms),
          99,
        ),
        // CPU cores busy on average during the step (2 on this machine): the api process
        // (projector included unless apart), the bench's client processes, and this database's
        // backends.
        coresBusy: {
          api: Math.round((apiCpu / seconds) * 100) / 100,
          ...(projector && { projector: Math.round((projectorCpu / seconds) * 100) / 100 }),
          clients: Math.round((clientsCpu / seconds) * 100) / 100,
          database: Math.round((databaseCpu / seconds) * 100) / 100,
        },
        loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
        routes,
      };
      console.log(JSON.stringify(step));
      results.push(step);
    }
    const best = results.reduce((a, b) => (b.movementsPerSec > a.movementsPerSec ? b : a));
    await projector?.stop();
    await api.stop(); // the instrument writes its counts on exit
    const instrumented = instrumentFile
      ? (JSON.parse(readFileSync(instrumentFile, 'utf8')) as { statements: number })
      : undefined;
    const movements = results.reduce((n, step) => n + step.movements, 0);
    mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, '..', 'results', 'api-load.json'),
      JSON.stringify(
        {
          profile: short ? 'short' : 'full',
          projector: projectorApart ? 'own process' : 'in the api process',
          at: new Date().toISOString(),
          movementsPerSec: best.movementsPerSec,
          commandP99Ms: best.commandP99Ms,
          readP99Ms: best.readP99Ms,
          steps: results,
          ...(instrumented && {
            api: {
              sqlStatementsPerMovement: Math.round((instrumented.statements / movements) * 10) / 10,
              ...instrumented,
            },
          }),
          note: 'shared 2-core machine, other engineers working (loadAverage per step); registration batches are not counted as movements',
        },
        null,
        2,
      ),
    );
  } finally {
    await projector?.stop();
    await api.stop();
    await database.drop();
  }
}

if (process.argv[2] === '--client') void client();
else void main();
