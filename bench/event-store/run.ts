/**
 * Event store benchmark: `npm run bench:event-store [-- --quick]`. See bench/README.md.
 *
 * Appends (ours and Emmett, same database, same pool size, alternating), then readAll over a
 * seeded log and subscription latency at rest (ours). Prints a table and writes
 * bench/results/event-store.json.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReadAllResult } from './read-all';
import { checkpoint, DEFAULT_BENCH_URL, recreateDatabase, serverInfo, vacuumLedger } from './db';
import { median, round } from './stats';
import {
  StoreWorker,
  type AppendRowResult,
  type SubscriptionLatencyResult,
  type TargetName,
} from './worker-client';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    warmup: { type: 'string' },
    duration: { type: 'string' },
    'pool-size': { type: 'string' },
    'read-all-events': { type: 'string' },
    'page-size': { type: 'string' },
    samples: { type: 'string' },
    out: { type: 'string' },
  },
});

const quick = flags.quick ?? false;
function number(value: string | undefined, full: number, smoke: number): number {
  if (value === undefined) return quick ? smoke : full;
  const parsed = Number(value);
  if (!(parsed > 0)) throw new Error(`Expected a positive number, got '${value}'`);
  return parsed;
}

const config = {
  rounds: number(flags.rounds, 3, 1),
  warmupSeconds: number(flags.warmup, 1, 0.3),
  durationSeconds: number(flags.duration, 5, 1),
  poolSize: number(flags['pool-size'], 32, 32),
  writers: [1, 8, 32],
  eventsPerAppend: [1, 10],
  /** A writer moves to a new stream after this many appends (10 or 100 events a stream). */
  appendsPerStream: 10,
  readAllEvents: number(flags['read-all-events'], 1_000_000, 100_000),
  readAllPageSize: number(flags['page-size'], 2000, 2000),
  seed: { writers: 4, streamsPerAppend: 100, eventsPerStream: 10 },
  latencySamples: number(flags.samples, 500, 100),
  latencyIntervalMs: 20,
};

const ROOT = join(__dirname, '..', '..');
const OUT = flags.out ?? join(ROOT, 'bench', 'results', `event-store${quick ? '.quick' : ''}.json`);
const TARGETS = { appendRatio: 1.0, readAllPerSec: 50_000, subscriptionP99Ms: 50 };

interface AppendRow {
  writers: number;
  eventsPerAppend: number;
  runs: Record<TargetName, AppendRowResult[]>;
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
  await recreateDatabase(url);
  const server = await serverInfo(url);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: server.version,
    postgresSettings: server.settings,
    commit: gitCommit(),
  };
  console.log(`OxyLedger event store bench${quick ? ' (--quick: smoke run, not comparable)' : ''}`);
  console.log(
    `machine: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryGb} GB, node ${machine.node}, ` +
      `PostgreSQL ${machine.postgres}, commit ${machine.commit}`,
  );
  console.log(
    `load average: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (other work on this machine moves every figure)`,
  );
  console.log(
    `postgres: ${Object.entries(server.settings)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ')}`,
  );
  console.log(`database: ${redact(url)} (dropped and recreated)`);
  console.log(
    `appends: ${config.rounds} round(s) per row, ${config.warmupSeconds} s warm-up + ` +
      `${config.durationSeconds} s measured per store, pool ${config.poolSize} each, ` +
      `new stream every ${config.appendsPerStream} appends\n`,
  );

  const workers: Record<TargetName, StoreWorker> = {
    ours: await StoreWorker.start('ours', url, config.poolSize),
    emmett: await StoreWorker.start('emmett', url, config.poolSize),
  };
  let reader: StoreWorker | undefined;
  const loadAverage = { atStart: loadavg().map(round), atEnd: [] as number[] };

  try {
    const rows = await runAppendRows(url, workers);
    await workers.emmett.stop();

    console.log(
      `\nreadAll: seeding ${config.readAllEvents.toLocaleString('en-US')} events through ours`,
    );
    const seeded = await workers.ours.run({
      kind: 'seed',
      options: { events: config.readAllEvents, ...config.seed },
    });
    await workers.ours.stop();
    await vacuumLedger(url);
    await checkpoint(url);
    // A fresh process reads, as a projection rebuild would: the writer's process, just out of
    // a bulk load, spends several times longer in GC on the same reads (see bench/README.md).
    reader = await StoreWorker.start('ours', url, config.poolSize);
    const readAll = await reader.run({
      kind: 'readAll',
      events: config.readAllEvents,
      pageSize: config.readAllPageSize,
    });
    console.log(
      `  read ${readAll.events.toLocaleString('en-US')} events in ${readAll.seconds.toFixed(2)} s ` +
        `(${readAll.pages} pages of ${config.readAllPageSize}; reader process CPU ` +
        `${readAll.clientCpuSeconds.toFixed(2)} s)`,
    );

    console.log(
      `\nsubscription latency at rest: ${config.latencySamples} samples, one every ${config.latencyIntervalMs} ms`,
    );
    const latencyOptions = (stream: string) => ({
      samples: config.latencySamples,
      intervalMs: config.latencyIntervalMs,
      warmupSamples: 10,
      timeoutMs: 2000,
      streamName: stream,
    });
    const sameStore = await reader.run({
      kind: 'latency',
      separateSubscriberStore: false,
      options: latencyOptions('cylinder-latency-same-store'),
    });
    const separateStore = await reader.run({
      kind: 'latency',
      separateSubscriberStore: true,
      options: latencyOptions('cylinder-latency-separate-store'),
    });
    loadAverage.atEnd = loadavg().map(round);

    const report = buildReport(
      { ...machine, loadAverage },
      rows,
      readAll,
      seeded.seconds,
      sameStore,
      separateStore,
    );
    printReport(report);
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nwrote ${relative(process.cwd(), OUT)}`);
  } finally {
    await Promise.all([workers.ours.stop(), workers.emmett.stop(), reader?.stop()]);
  }
}

/** Every row for both stores, alternating which goes first, with a checkpoint before each. */
async function runAppendRows(
  url: string,
  workers: Record<TargetName, StoreWorker>,
): Promise<AppendRow[]> {
  const rows: AppendRow[] = config.writers.flatMap((writers) =>
    config.eventsPerAppend.map((eventsPerAppend) => ({
      writers,
      eventsPerAppend,
      runs: { ours: [], emmett: [] },
    })),
  );
  for (let round = 0; round < config.rounds; round++) {
    for (const [index, row] of rows.entries()) {
      const order: TargetName[] =
        (index + round) % 2 === 0 ? ['ours', 'emmett'] : ['emmett', 'ours'];
      for (const target of order) {
        await checkpoint(url);
        const result = await workers[target].run({
          kind: 'append',
          workload: {
            writers: row.writers,
            eventsPerAppend: row.eventsPerAppend,
            warmupMs: config.warmupSeconds * 1000,
            durationMs: config.durationSeconds * 1000,
            appendsPerStream: config.appendsPerStream,
            streamPrefix: `r${round}-${target}-${row.writers}x${row.eventsPerAppend}-`,
          },
        });
        row.runs[target].push(result);
        console.log(
          `  round ${round + 1}/${config.rounds}  ${pad(row.writers, 2)} writers × ${pad(row.eventsPerAppend, 2)} events  ` +
            `${target.padEnd(6)} ${pad(fmt(result.events / result.seconds), 8)} events/s  ` +
            `${pad(fmt(result.appends / result.seconds), 7)} appends/s  ` +
            `p50 ${result.latencyMs.p50.toFixed(1)} ms  p99 ${result.latencyMs.p99.toFixed(1)} ms`,
        );
      }
    }
  }
  return rows;
}

function buildReport(
  machine: Record<string, unknown>,
  rows: AppendRow[],
  readAll: ReadAllResult,
  seedSeconds: number,
  sameStore: SubscriptionLatencyResult,
  separateStore: SubscriptionLatencyResult,
) {
  const append = rows.map((row) => {
    const perSec = (target: TargetName, of: (run: AppendRowResult) => number) =>
      round(median(row.runs[target].map((run) => of(run) / run.seconds)));
    const latency = (target: TargetName) => ({
      p50: round(median(row.runs[target].map((run) => run.latencyMs.p50))),
      p99: round(median(row.runs[target].map((run) => run.latencyMs.p99))),
    });
    const oursPerSec = perSec('ours', (run) => run.events);
    const emmettPerSec = perSec('emmett', (run) => run.events);
    return {
      writers: row.writers,
      eventsPerAppend: row.eventsPerAppend,
      oursPerSec,
      emmettPerSec,
      ratio: Math.round((oursPerSec / emmettPerSec) * 100) / 100,
      oursAppendsPerSec: perSec('ours', (run) => run.appends),
      emmettAppendsPerSec: perSec('emmett', (run) => run.appends),
      oursAppendLatencyMs: latency('ours'),
      emmettAppendLatencyMs: latency('emmett'),
      roundsEventsPerSec: {
        ours: row.runs.ours.map((run) => round(run.events / run.seconds)),
        emmett: row.runs.emmett.map((run) => round(run.events / run.seconds)),
      },
    };
  });
  const latency = (result: SubscriptionLatencyResult) => ({
    p50: round(result.latencyMs.p50),
    p99: round(result.latencyMs.p99),
    max: round(result.latencyMs.max),
    samples: result.latencyMs.count,
    missed: result.missed,
  });
  const subscriptionLatencyMs = latency(sameStore);
  const readAllPerSec = round(readAll.eventsPerSec);
  return {
    generatedAt: new Date().toISOString(),
    quick,
    machine,
    config,
    units: {
      oursPerSec: 'events/s = appends/s × eventsPerAppend (median of rounds)',
      ratio: 'oursPerSec / emmettPerSec',
      latency: 'ms',
    },
    append,
    readAllPerSec,
    readAll: {
      events: readAll.events,
      pages: readAll.pages,
      pageSize: config.readAllPageSize,
      seconds: round(readAll.seconds),
      eventsPerSec: readAllPerSec,
      readerCpuSeconds: round(readAll.clientCpuSeconds),
      seedSeconds: round(seedSeconds),
    },
    subscriptionLatencyMs,
    subscriptionLatencySeparateStoreMs: latency(separateStore),
    targets: {
      appendAtLeastEmmettOnEveryRow: append.every((row) => row.ratio >= TARGETS.appendRatio),
      readAllAtLeast50kPerSec: readAllPerSec >= TARGETS.readAllPerSec,
      subscriptionP99Below50Ms: subscriptionLatencyMs.p99 < TARGETS.subscriptionP99Ms,
    },
  };
}

type Report = ReturnType<typeof buildReport>;

function printReport(report: Report): void {
  console.log(
    `\nAppends: events/s = appends/s × events per append (for 1-event rows events/s = appends/s); ` +
      `median of ${config.rounds} round(s)`,
  );
  printTable(
    [
      'writers',
      'events/append',
      'ours events/s',
      'Emmett events/s',
      'ours/Emmett',
      'ours appends/s',
      'Emmett appends/s',
      'ours p50/p99 ms',
      'Emmett p50/p99 ms',
    ],
    report.append.map((row) => [
      String(row.writers),
      String(row.eventsPerAppend),
      fmt(row.oursPerSec),
      fmt(row.emmettPerSec),
      `${row.ratio.toFixed(2)}×${row.ratio >= TARGETS.appendRatio ? '' : ' !'}`,
      fmt(row.oursAppendsPerSec),
      fmt(row.emmettAppendsPerSec),
      `${row.oursAppendLatencyMs.p50} / ${row.oursAppendLatencyMs.p99}`,
      `${row.emmettAppendLatencyMs.p50} / ${row.emmettAppendLatencyMs.p99}`,
    ]),
  );
  const same = report.subscriptionLatencyMs;
  const separate = report.subscriptionLatencySeparateStoreMs;
  console.log('');
  printTable(
    ['measure', 'value', 'target', ''],
    [
      [
        `readAll (${report.readAll.events.toLocaleString('en-US')} events, pages of ${config.readAllPageSize})`,
        `${fmt(report.readAllPerSec)} events/s`,
        `≥ ${fmt(TARGETS.readAllPerSec)}`,
        verdict(report.targets.readAllAtLeast50kPerSec),
      ],
      [
        'subscription latency, same store (p50 / p99 / max)',
        `${same.p50} / ${same.p99} / ${same.max} ms`,
        `p99 < ${TARGETS.subscriptionP99Ms} ms`,
        verdict(report.targets.subscriptionP99Below50Ms),
      ],
      [
        'subscription latency, separate store via NOTIFY',
        `${separate.p50} / ${separate.p99} / ${separate.max} ms`,
        '(informative)',
        '',
      ],
      [
        'appends ≥ 1.0× Emmett on every row',
        report.append.map((row) => `${row.ratio.toFixed(2)}`).join(' '),
        '≥ 1.00 each',
        verdict(report.targets.appendAtLeastEmmettOnEveryRow),
      ],
    ],
  );
  if (same.missed || separate.missed) {
    console.log(
      `missed deliveries (> 2 s): same store ${same.missed}, separate ${separate.missed}`,
    );
  }
}

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => row[i].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ');
  console.log(line(headers));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  rows.forEach((row) => console.log(line(row)));
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
const pad = (value: number | string, width: number) => String(value).padStart(width);

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function gitCommit(): string {
  try {
    const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, stdio: 'pipe' })
      .toString()
      .trim();
    const dirty = execSync('git status --porcelain -- libs/event-store', {
      cwd: ROOT,
      stdio: 'pipe',
    })
      .toString()
      .trim();
    return dirty ? `${commit} (libs/event-store modified)` : commit;
  } catch {
    return 'unknown';
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
