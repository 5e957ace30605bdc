/**
 * Projections benchmark: `npm run bench:projections [-- --quick]`. See bench/README.md.
 *
 * Seeds a fresh database with a cylinder fleet's history (events decided by the domain), times
 * rebuilding the cylinders and trips read models from it, each in a fresh projector process,
 * then measures how far behind the live cylinders projection runs under a steady append load.
 * Prints the figures and writes bench/results/projections.json.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { appDataSourceOptions, runMigrationsUnderLock } from '@oxyledger/database';
import { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  checkpoint,
  DEFAULT_BENCH_URL,
  recreateDatabase,
  serverInfo,
  vacuumLedger,
  withClient,
} from '../event-store/db';
import { round, summarize } from '../event-store/stats';
import { CylinderFleet, OPERATIONS_PER_CYCLE } from './fleet';
import { measureLiveLag, type LiveLagResult } from './live-lag';
import type { RebuildTimings } from './instrument';
import { ProjectorProcess, type RebuildMeasurement } from './projector-process';
import { seedFleet, type SeedProgress } from './seed';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    cylinders: { type: 'string' },
    cycles: { type: 'string' },
    'batch-size': { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    'poll-interval': { type: 'string' },
    profile: { type: 'boolean', default: false },
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

const cycles = number(flags.cycles, 7, 7);
const config = {
  fleet: {
    cylinders: number(flags.cylinders, 20_000, 2_000),
    groupSize: 20,
    plants: 6,
    hospitals: 120,
    startAt: '2025-01-06T06:00:00.000Z',
  },
  cycles,
  cylinderEventsPerCylinder: 1 + OPERATIONS_PER_CYCLE * cycles,
  seed: { writers: 4, groupsPerAppend: 10 },
  /** undefined: rebuildProjection's own default. */
  rebuildBatchSize:
    flags['batch-size'] === undefined ? undefined : number(flags['batch-size'], 0, 0),
  live: {
    projection: 'cylinders',
    eventsPerSec: number(flags.rate, 500, 500),
    warmupMs: quick ? 1_000 : 2_000,
    durationMs: number(flags.duration, 30, 8) * 1000,
    streamsPerAppend: 10,
    pollIntervalMs: number(flags['poll-interval'], 1, 1),
    timeoutMs: 5_000,
    otherWritersPollMs: 20,
  },
};

const ROOT = join(__dirname, '..', '..');
const OUT = flags.out ?? join(ROOT, 'bench', 'results', `projections${quick ? '.quick' : ''}.json`);
const TARGETS = { rebuildEventsPerSec: 20_000, liveLagP99Ms: 200 };

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
    ...gitState(),
    loadAverage: { atStart: loadavg().map(round), atEnd: [] as number[] },
  };
  console.log(`OxyLedger projections bench${quick ? ' (--quick: smoke run, not comparable)' : ''}`);
  console.log(
    `machine: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryGb} GB, node ${machine.node}, ` +
      `PostgreSQL ${machine.postgres}, commit ${machine.commit}`,
  );
  if (machine.libsModified.length > 0) {
    console.log(`libs/ differs from the commit: ${machine.libsModified.join(', ')}`);
  }
  console.log(`load average: ${machine.loadAverage.atStart.join(' ')}`);
  console.log(`database: ${redact(url)} (dropped and recreated)`);

  const store = await PostgresEventStore.connect({ connectionString: url });
  const dataSource = await new DataSource(appDataSourceOptions(url)).initialize();
  const readers = {
    checkpoint: new Client({ connectionString: url, application_name: 'oxyledger-bench' }),
    otherWriters: new Client({ connectionString: url, application_name: 'oxyledger-bench' }),
  };
  const profileDir = flags.profile ? mkdtempSync(join(tmpdir(), 'projections-bench-')) : undefined;
  let projector: ProjectorProcess | undefined;
  try {
    await runMigrationsUnderLock(dataSource, { log: () => undefined });
    await Promise.all(Object.values(readers).map((reader) => reader.connect()));

    const fleet = new CylinderFleet(config.fleet);
    const expected = config.fleet.cylinders * config.cylinderEventsPerCylinder;
    console.log(
      `\nseeding: ${fmt(config.fleet.cylinders)} cylinders in ${fmt(fleet.groups.length)} groups of ` +
        `${config.fleet.groupSize}, ${cycles} cycles → ${fmt(expected)} cylinder events + trips ` +
        `(${config.seed.writers} writers, ${config.seed.groupsPerAppend} groups per append)`,
    );
    const seeded = await seedFleet(store, fleet, {
      cycles,
      ...config.seed,
      onProgress: (p) => console.log(`  ${seedLine(p)}`),
    });
    console.log(`  done: ${seedLine(seeded)}`);
    await vacuumLedger(url);

    const rebuilds: RebuildMeasurement[] = [];
    for (const name of ['cylinders', 'trips']) {
      console.log(`\nrebuild '${name}' in a fresh projector process`);
      await checkpoint(url);
      const rebuilder = await ProjectorProcess.start(url, profileDir);
      try {
        const measured = await rebuilder.run({
          kind: 'rebuild',
          projection: name,
          batchSize: config.rebuildBatchSize,
        });
        rebuilds.push(measured);
        console.log(
          `  ${fmt(measured.events)} events in ${measured.seconds.toFixed(1)} s: ` +
            `${fmt(measured.eventsPerSec)} events/s`,
        );
      } finally {
        await rebuilder.stop();
      }
    }
    // The rebuilt tables hold a dead row version for nearly every event applied (autovacuum is
    // off on the dev server): record it, then vacuum as autovacuum would before going live.
    const deadRowsAfterRebuild = await deadRows(url);
    await withClient(url, (client) => client.query('VACUUM (ANALYZE)'));
    await checkpoint(url);

    const live = config.live;
    console.log(
      `\nlive lag: '${live.projection}' in a projector process; ${fmt(live.eventsPerSec)} events/s ` +
        `for ${live.warmupMs / 1000} s warm-up + ${live.durationMs / 1000} s, ` +
        `${live.streamsPerAppend} cylinders per append, checkpoint read every ${live.pollIntervalMs} ms`,
    );
    projector = await ProjectorProcess.start(url, profileDir);
    await projector.run({ kind: 'live', projection: live.projection });
    const lag = await measureLiveLag(store, readers, fleet, live);
    const liveTimings = await projector.run({ kind: 'stopLive' });
    await projector.stop();
    projector = undefined;
    machine.loadAverage.atEnd = loadavg().map(round);

    const report = buildReport(machine, seeded, rebuilds, deadRowsAfterRebuild, lag, liveTimings);
    printReport(report);
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nwrote ${relative(process.cwd(), OUT)}`);
    if (profileDir) console.log(`CPU profiles of the projector processes: ${profileDir}`);
  } finally {
    await projector?.stop();
    await Promise.all(Object.values(readers).map((reader) => reader.end().catch(() => undefined)));
    await store.close();
    await dataSource.destroy();
  }
}

function buildReport(
  machine: Record<string, unknown>,
  seeded: SeedProgress,
  rebuilds: RebuildMeasurement[],
  deadRowsAfterRebuild: Record<string, number>,
  lag: LiveLagResult,
  liveTimings: RebuildTimings,
) {
  const [cylinders] = rebuilds;
  const latency = (values: number[]) => {
    const summary = summarize(values);
    return {
      p50: round(summary.p50),
      p99: round(summary.p99),
      max: round(summary.max),
      mean: round(summary.mean),
    };
  };
  const liveLagMs = { ...latency(lag.lagMs), samples: lag.samples, missed: lag.missed };
  const rebuildEventsPerSec = round(cylinders.eventsPerSec);
  return {
    generatedAt: new Date().toISOString(),
    quick,
    machine,
    config,
    units: { eventsPerSec: 'events applied by the projection / s', latency: 'ms' },
    rebuildEventsPerSec,
    liveLagMs,
    workload: {
      cylinders: config.fleet.cylinders,
      tripsPerCylinderCycle: `2 per group of ${config.fleet.groupSize}`,
      cylinderEvents: seeded.cylinderEvents,
      tripEvents: seeded.tripEvents,
      events: seeded.cylinderEvents + seeded.tripEvents,
      appends: seeded.appends,
      seedSeconds: round(seeded.seconds),
      seedEventsPerSec: round((seeded.cylinderEvents + seeded.tripEvents) / seeded.seconds),
      generateSeconds: round(seeded.generateSeconds),
    },
    rebuild: Object.fromEntries(
      rebuilds.map((rebuild) => [rebuild.projection, rebuildSummary(rebuild)]),
    ),
    deadRowsAfterRebuild,
    live: {
      projection: config.live.projection,
      targetEventsPerSec: config.live.eventsPerSec,
      achievedEventsPerSec: round(lag.events / lag.seconds),
      seconds: lag.seconds,
      events: lag.events,
      appends: lag.appends,
      lagMs: liveLagMs,
      lagSinceAppendReturnMs: latency(lag.lagSinceAppendReturnMs),
      lagUndisturbedMs: { ...latency(lag.lagUndisturbedMs), samples: lag.lagUndisturbedMs.length },
      otherDatabasesLongestWriteTransactionMs: round(lag.otherWritersLongestMs),
      appendLatencyMs: latency(lag.appendMs),
      checkpointReads: lag.checkpointReads,
      projector: {
        batches: liveTimings.batches,
        eventsPerBatch: round(liveTimings.events / Math.max(1, liveTimings.batches)),
        batchTransactionMs: latency(liveTimings.batchDurationsMs),
        meanMsPerBatch: Object.fromEntries(
          Object.entries(liveTimings.sqlMs)
            .sort(([, a], [, b]) => b - a)
            .map(([statement, ms]) => [statement, round(ms / Math.max(1, liveTimings.batches))]),
        ),
      },
    },
    targets: {
      rebuildAtLeast20kEventsPerSec: rebuildEventsPerSec >= TARGETS.rebuildEventsPerSec,
      liveLagP99Below200Ms: liveLagMs.p99 < TARGETS.liveLagP99Ms,
    },
  };
}

/** Where the rebuild's wall time went; see instrument.ts. */
function rebuildSummary(rebuild: RebuildMeasurement) {
  const t = rebuild.timings;
  const sqlMs = Object.values(t.sqlMs).reduce((sum, ms) => sum + ms, 0);
  const s = (ms: number) => round(ms / 1000);
  return {
    events: rebuild.events,
    seconds: round(rebuild.seconds),
    eventsPerSec: round(rebuild.eventsPerSec),
    batchSize: rebuild.batchSize ?? "rebuildProjection's default",
    batches: t.batches,
    eventsPerBatch: round(t.events / Math.max(1, t.batches)),
    projectorCpuSeconds: round(rebuild.projectorCpuSeconds),
    machineBusyCpuSeconds:
      rebuild.machineBusyCpuSeconds === null ? null : round(rebuild.machineBusyCpuSeconds),
    secondsIn: {
      readingPages: s(t.readMs),
      batchTransactions: s(t.batchMs),
      applyJs: s(t.applyMs - sqlMs),
      applySql: s(sqlMs),
      checkpointAndCommit: s(t.batchMs - t.applyMs),
      gc: s(t.gcMs),
      applySqlByStatement: Object.fromEntries(
        Object.entries(t.sqlMs)
          .sort(([, a], [, b]) => b - a)
          .map(([statement, ms]) => [statement, s(ms)]),
      ),
    },
  };
}

type Report = ReturnType<typeof buildReport>;

function printReport(report: Report): void {
  console.log('\nResults');
  for (const [name, rebuild] of Object.entries(report.rebuild)) {
    const t = rebuild.secondsIn;
    console.log(
      `  rebuild ${name.padEnd(9)} ${fmt(rebuild.events).padStart(9)} events  ${String(rebuild.seconds).padStart(6)} s  ` +
        `${fmt(rebuild.eventsPerSec).padStart(7)} events/s  (batches ${rebuild.batches}; reading ${t.readingPages} s, ` +
        `apply JS ${t.applyJs} s, apply SQL ${t.applySql} s, checkpoint+commit ${t.checkpointAndCommit} s; ` +
        `projector CPU ${rebuild.projectorCpuSeconds} s, GC ${t.gc} s)`,
    );
  }
  const lag = report.live;
  console.log(
    `  live lag  p50 ${lag.lagMs.p50} ms  p99 ${lag.lagMs.p99} ms  max ${lag.lagMs.max} ms  ` +
      `(${lag.lagMs.samples} appends sampled, ${lag.lagMs.missed} missed; ` +
      `${fmt(lag.achievedEventsPerSec)} events/s achieved)`,
  );
  console.log(
    `            from the append's return p50 ${lag.lagSinceAppendReturnMs.p50} ms ` +
      `p99 ${lag.lagSinceAppendReturnMs.p99} ms; append p50 ${lag.appendLatencyMs.p50} ms ` +
      `p99 ${lag.appendLatencyMs.p99} ms`,
  );
  console.log(
    `            not held back by other databases' writes (${lag.lagUndisturbedMs.samples} samples): ` +
      `p50 ${lag.lagUndisturbedMs.p50} ms p99 ${lag.lagUndisturbedMs.p99} ms; their longest ` +
      `write transaction ${lag.otherDatabasesLongestWriteTransactionMs} ms`,
  );
  const projector = lag.projector;
  console.log(
    `            projector: ${projector.batches} batches of ${projector.eventsPerBatch} events ` +
      `on average, transaction p50 ${projector.batchTransactionMs.p50} ms ` +
      `p99 ${projector.batchTransactionMs.p99} ms`,
  );
  console.log(
    `\n  rebuildEventsPerSec ${fmt(report.rebuildEventsPerSec)} (target ≥ ${fmt(TARGETS.rebuildEventsPerSec)}): ` +
      `${verdict(report.targets.rebuildAtLeast20kEventsPerSec)}`,
  );
  console.log(
    `  liveLagMs p99 ${report.liveLagMs.p99} (target < ${TARGETS.liveLagP99Ms}): ` +
      `${verdict(report.targets.liveLagP99Below200Ms)}`,
  );
}

/** Dead row versions left in the read model tables (pg_stat_user_tables). */
function deadRows(url: string): Promise<Record<string, number>> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ table: string; dead: string }>(
      `SELECT relname AS table, n_dead_tup AS dead FROM pg_stat_user_tables
       WHERE schemaname = 'app' AND n_dead_tup > 0 ORDER BY n_dead_tup DESC`,
    );
    return Object.fromEntries(rows.map((row) => [row.table, Number(row.dead)]));
  });
}

function seedLine(p: SeedProgress): string {
  const events = p.cylinderEvents + p.tripEvents;
  return (
    `${fmt(events)} events (${fmt(p.cylinderEvents)} cylinder, ${fmt(p.tripEvents)} trip) ` +
    `in ${p.seconds.toFixed(1)} s, ${fmt(events / p.seconds)} events/s ` +
    `(deciding and building appends: ${p.generateSeconds.toFixed(1)} s)`
  );
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const fmt = (value: number) => Math.round(value).toLocaleString('en-US');

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** The commit, and the files of libs/ that differ from it: the code measured. */
function gitState(): { commit: string; libsModified: string[] } {
  const git = (command: string) =>
    execSync(`git ${command}`, { cwd: ROOT, stdio: 'pipe' }).toString().trim();
  try {
    const modified = git('status --porcelain --untracked-files=no -- libs');
    return {
      commit: git('rev-parse --short HEAD'),
      libsModified: modified ? modified.split('\n').map((line) => line.slice(3)) : [],
    };
  } catch {
    return { commit: 'unknown', libsModified: [] };
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
