/**
 * Routing benchmark: `npm run bench:routing -- --set <A|P|X|X-large|Solomon|Cordeau|Dethloff|
 * country> [--time-limit <seconds, default 5>] [--seed <n, default 1> | --seeds <n,n,…>]
 * [--threads <n>] [--iterations <offspring per thread>] [--only <name part>[,<name part>…]]`.
 *
 * Solves every instance of a set with `solveRouting` — or, with `--threads`, with
 * `solveRoutingInWorkers` on that many threads — checks each plan with the independent checker
 * (which also recomputes the cost), and compares with the best-known values of
 * shared/bench/cvrplib/bks.csv. With several seeds, every instance is solved once per seed and
 * the summary gives the spread. `country` is one generated country-sized refill day (no bks);
 * for it, memory is sampled every 100 ms during a single-threaded solve. Prints a table and a
 * summary, writes bench/results/routing-<set>.json (`-<limit>s` for other limits than 5 s,
 * `-<n>t` with --threads, `.partial` with --only), and exits 1 if any plan is infeasible.
 *
 * `--iterations` stops each thread after that many offspring instead of the clock (an hour at
 * most unless --time-limit says otherwise; file `-<n>it`): the plans then depend only on the
 * seed and the thread count, not on how loaded the machine is, so two ways of spending the same
 * work compare fairly on a shared machine (2 threads × n against 1 thread × 2n). The load
 * average before and after is recorded with the figures.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { solveRouting, solveRoutingInWorkers } from '@oxyledger/routing';
import { checkRoutingSolution } from '@oxyledger/routing';
import {
  type BenchmarkInstance,
  type BenchmarkSet,
  benchmarkFiles,
  readBenchmarkInstance,
  readBestKnown,
} from '@oxyledger/routing';
import type { SolveResult } from '@oxyledger/routing';
import { COUNTRY, countryInstance } from './country-instance';
import { solveWatchingMemory, type WatchedSolve } from './solve-in-worker';

const SETS = ['A', 'P', 'X', 'X-large', 'Solomon', 'Cordeau', 'Dethloff', 'country'] as const;
type SetName = (typeof SETS)[number];

const ROOT = join(__dirname, '..', '..');
const BENCH = resolve(ROOT, '..', 'shared', 'bench', 'cvrplib');
const USAGE =
  'Usage: npm run bench:routing -- --set <A|P|X|X-large|Solomon|Cordeau|Dethloff|country> ' +
  '[--time-limit <seconds>] [--seed <n> | --seeds <n,n,…>] [--threads <n>] ' +
  '[--only <name part>[,<name part>…]]';

interface Row {
  name: string;
  seed: number;
  customers: number;
  routes: number;
  /** The checker's cost divided by the instance's cost scale. */
  cost: number;
  bks: number | null;
  gapPercent: number | null;
  bestFoundAtMs: number;
  totalMs: number;
  feasible: boolean;
  iterations: number;
  /** The solver's own cost and verdict, when they differ from the checker's. */
  solverCost?: number;
  solverFeasible?: boolean;
  violations?: string[];
  error?: string;
  /** Country set only. */
  stablePlanMs?: number;
  rssAtStartMb?: number;
  peakRssMb?: number;
  heapUsedAtStartMb?: number | null;
  peakHeapUsedMb?: number | null;
  memorySamples?: number;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      set: { type: 'string' },
      'time-limit': { type: 'string' },
      seed: { type: 'string' },
      seeds: { type: 'string' },
      threads: { type: 'string' },
      iterations: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const set = SETS.find((name) => name === values.set);
  if (!set) {
    console.error(values.set === undefined ? USAGE : `--set must be one of ${SETS.join(', ')}`);
    return 2;
  }
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  const timeLimit = Number(values['time-limit'] ?? (iterations === undefined ? 5 : 3600));
  const seeds = (values.seeds ?? values.seed ?? '1').split(',').map(Number);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (!(timeLimit > 0)) {
    console.error(
      `--time-limit must be a number of seconds above 0; got '${values['time-limit']}'`,
    );
    return 2;
  }
  if (!seeds.every((seed) => Number.isInteger(seed) && seed >= 0)) {
    console.error(`seeds must be whole numbers, 0 or more; got '${values.seeds ?? values.seed}'`);
    return 2;
  }
  if (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 1)) {
    console.error(`--iterations must be a whole number, 1 or more; got '${values.iterations}'`);
    return 2;
  }
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    console.error(`--threads must be a whole number, 1 or more; got '${values.threads}'`);
    return 2;
  }
  if (set !== 'country' && !existsSync(BENCH)) {
    console.error(`The benchmark instances are missing: ${BENCH}`);
    return 2;
  }
  const parts = (values.only ?? '').split(',');
  const instances = instancesOf(set).filter(({ name }) =>
    parts.some((part) => name.includes(part)),
  );
  if (instances.length === 0) {
    console.error(`No instance of set ${set} has '${values.only}' in its name`);
    return 2;
  }
  const best = set === 'country' ? new Map<string, number>() : readBestKnown(BENCH);
  const machine = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cpus: cpus().length,
    node: process.version,
  };
  console.log(
    `OxyLedger routing bench: set ${set}, ${instances.length} instances, ` +
      (iterations === undefined ? `${timeLimit} s` : `${iterations} offspring per thread`) +
      ` each, seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')}, ` +
      (threads === undefined ? 'in this thread' : `${threads} worker thread(s)`),
  );
  const loadBefore = loadavg().map((load) => Math.round(load * 100) / 100);
  console.log(`machine: ${machine.cpus} × ${machine.cpu}, node ${machine.node}`);
  console.log(`load average before: ${loadBefore.join(', ')}\n`);

  const rows: Row[] = [];
  const table = new Table(COLUMNS);
  console.log(table.header());
  for (const seed of seeds) {
    for (const load of instances) {
      const row = await run(
        load,
        best,
        { timeLimitMs: timeLimit * 1000, iterationLimit: iterations, seed, threads },
        set === 'country' && threads === undefined,
      );
      rows.push(row);
      console.log(table.line(cells(row)));
      for (const violation of row.violations?.slice(0, 5) ?? []) console.log(`    ${violation}`);
      if (row.error) console.log(`    ${row.error}`);
      if (row.solverCost !== undefined) {
        console.log(`    the solver reported cost ${row.solverCost}, the checker ${row.cost}`);
      }
      if (row.solverFeasible !== undefined) {
        console.log(`    the solver reported the plan ${row.solverFeasible ? '' : 'in'}feasible`);
      }
    }
  }

  const summary = summarize(rows);
  const perSeed = seeds.map((seed) => ({
    seed,
    ...summarize(rows.filter((row) => row.seed === seed)),
  }));
  const spread = seeds.length > 1 ? seedSpread(rows, perSeed) : undefined;
  if (spread) {
    console.log(`\nper instance over ${seeds.length} seeds: gap % mean (min … max)`);
    for (const line of spread.instances) {
      console.log(
        `  ${line.name.padEnd(14)} ${percent(line.meanGapPercent).padStart(9)} ` +
          `(${percent(line.minGapPercent)} … ${percent(line.maxGapPercent)})`,
      );
    }
    for (const one of perSeed) {
      console.log(`seed ${one.seed}: average gap ${percent(one.averageGapPercent)}`);
    }
  }
  console.log(
    `\n${summary.instances} runs, ${summary.feasible} feasible: ` +
      `average gap ${percent(summary.averageGapPercent)}` +
      (spread
        ? ` (seeds' averages ${percent(spread.minAverageGapPercent)} … ` +
          `${percent(spread.maxAverageGapPercent)})`
        : '') +
      `, max gap ${percent(summary.maxGapPercent)} (feasible ones), ` +
      `mean time ${seconds(summary.meanTimeMs)} s (to best ${seconds(summary.meanBestFoundAtMs)} s)`,
  );
  if (set === 'country' && threads === undefined) {
    const [row] = rows;
    console.log(
      `stable plan (last improvement) at ${seconds(row.stablePlanMs ?? 0)} s; during the solve ` +
        `RSS ${row.rssAtStartMb} → peak ${row.peakRssMb} MB (whole process), solving thread's ` +
        `heap used ${row.heapUsedAtStartMb ?? '-'} → peak ${row.peakHeapUsedMb ?? '-'} MB`,
    );
  }

  const out = join(
    ROOT,
    'bench',
    'results',
    `routing-${set}` +
      (iterations === undefined ? (timeLimit === 5 ? '' : `-${timeLimit}s`) : `-${iterations}it`) +
      `${threads === undefined ? '' : `-${threads}t`}` +
      `${values.only === undefined ? '' : '.partial'}.json`,
  );
  const loadAfter = loadavg().map((load) => Math.round(load * 100) / 100);
  console.log(`load average after: ${loadAfter.join(', ')}`);
  mkdirSync(join(out, '..'), { recursive: true });
  const report = {
    set,
    timeLimitSeconds: timeLimit,
    iterationLimit: iterations ?? null,
    seeds,
    threads: threads ?? null,
    only: values.only ?? null,
    machine,
    loadAverage: { before: loadBefore, after: loadAfter },
    date: new Date().toISOString(),
    ...(set === 'country' ? { country: COUNTRY } : {}),
    instances: rows,
    summary,
    ...(spread ? { perSeed, spread } : {}),
  };
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`wrote ${relative(ROOT, out)}`);
  return summary.feasible === rows.length ? 0 : 1;
}

/** Instances are read one at a time, when their turn comes. */
function instancesOf(set: SetName): { name: string; read: () => BenchmarkInstance }[] {
  if (set === 'country') return [{ name: 'country-1', read: () => countryInstance(1) }];
  return benchmarkFiles(BENCH, set as BenchmarkSet).map((file) => ({
    name: file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, ''),
    read: () => readBenchmarkInstance(file),
  }));
}

async function run(
  load: { name: string; read: () => BenchmarkInstance },
  best: Map<string, number>,
  options: {
    timeLimitMs: number;
    iterationLimit: number | undefined;
    seed: number;
    threads: number | undefined;
  },
  watchMemory: boolean,
): Promise<Row> {
  const { seed, threads } = options;
  const bks = best.get(load.name) ?? null;
  let instance: BenchmarkInstance | undefined;
  try {
    instance = load.read();
    let watched: WatchedSolve | undefined;
    let result: SolveResult;
    let totalMs: number;
    if (watchMemory) {
      watched = await solveWatchingMemory(instance.problem, {
        timeLimitMs: options.timeLimitMs,
        iterationLimit: options.iterationLimit,
        seed,
      });
      ({ result, totalMs } = watched);
    } else {
      const started = performance.now();
      result =
        threads === undefined
          ? solveRouting(instance.problem, options)
          : await solveRoutingInWorkers(instance.problem, options);
      totalMs = performance.now() - started;
    }
    const { solution, statistics } = result;
    const names = instance.customerNumbers;
    const check = checkRoutingSolution(instance.problem, solution, {
      customerName: (c) => `customer ${names[c] ?? `#${c}`}`,
    });
    const cost = check.cost / instance.costScale;
    const agrees = Math.abs(solution.cost - check.cost) <= 1e-6 * Math.max(1, Math.abs(check.cost));
    return {
      name: load.name,
      seed,
      customers: instance.problem.customers.length,
      routes: solution.routes.filter((route) => route.customers.length > 0).length,
      cost,
      bks,
      gapPercent: bks === null ? null : (100 * (cost - bks)) / bks,
      bestFoundAtMs: tenths(statistics.bestFoundAtMs),
      totalMs: tenths(totalMs),
      feasible: check.feasible,
      iterations: statistics.iterations,
      ...(agrees ? {} : { solverCost: solution.cost / instance.costScale }),
      ...(solution.feasible === check.feasible ? {} : { solverFeasible: solution.feasible }),
      ...(check.feasible ? {} : { violations: check.violations }),
      ...(watched && {
        stablePlanMs: tenths(statistics.improvements.at(-1)?.elapsedMs ?? 0),
        rssAtStartMb: megabytes(watched.rssAtStartBytes),
        peakRssMb: megabytes(watched.peakRssBytes),
        heapUsedAtStartMb: megabytes(watched.heapUsedAtStartBytes),
        peakHeapUsedMb: megabytes(watched.peakHeapUsedBytes),
        memorySamples: watched.samples,
      }),
    };
  } catch (error) {
    return {
      name: load.name,
      seed,
      customers: instance?.problem.customers.length ?? 0,
      routes: 0,
      cost: NaN,
      bks,
      gapPercent: null,
      bestFoundAtMs: 0,
      totalMs: 0,
      feasible: false,
      iterations: 0,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

function summarize(rows: Row[]) {
  // An infeasible plan's cost says nothing: it may well be below the best-known value.
  const gaps = rows.flatMap((row) =>
    row.gapPercent === null || !row.feasible ? [] : [row.gapPercent],
  );
  const mean = (values: number[]) =>
    values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    instances: rows.length,
    averageGapPercent: mean(gaps),
    maxGapPercent: gaps.length === 0 ? null : Math.max(...gaps),
    feasible: rows.filter((row) => row.feasible).length,
    meanTimeMs: tenths(mean(rows.map((row) => row.totalMs)) ?? 0),
    meanBestFoundAtMs: tenths(mean(rows.map((row) => row.bestFoundAtMs)) ?? 0),
  };
}

/** Per instance, the mean and range of the gap over the seeds; and the seeds' averages' range. */
function seedSpread(rows: Row[], perSeed: { averageGapPercent: number | null }[]) {
  const names = [...new Set(rows.map((row) => row.name))];
  const instances = names.map((name) => {
    const gaps = rows.flatMap((row) =>
      row.name === name && row.feasible && row.gapPercent !== null ? [row.gapPercent] : [],
    );
    return {
      name,
      meanGapPercent: gaps.length === 0 ? null : gaps.reduce((a, b) => a + b, 0) / gaps.length,
      minGapPercent: gaps.length === 0 ? null : Math.min(...gaps),
      maxGapPercent: gaps.length === 0 ? null : Math.max(...gaps),
    };
  });
  const averages = perSeed.flatMap((one) =>
    one.averageGapPercent === null ? [] : [one.averageGapPercent],
  );
  return {
    instances,
    minAverageGapPercent: averages.length === 0 ? null : Math.min(...averages),
    maxAverageGapPercent: averages.length === 0 ? null : Math.max(...averages),
  };
}

const COLUMNS = [
  { title: 'instance', left: true },
  { title: 'seed' },
  { title: 'customers' },
  { title: 'routes' },
  { title: 'cost' },
  { title: 'bks' },
  { title: 'gap %' },
  { title: 'best at s' },
  { title: 'time s' },
  { title: 'feasible', left: true },
];

function cells(row: Row): string[] {
  return [
    row.name,
    String(row.seed),
    String(row.customers),
    String(row.routes),
    Number.isNaN(row.cost) ? '-' : row.cost.toFixed(2),
    row.bks === null ? '-' : String(row.bks),
    row.gapPercent === null ? '-' : fixed(row.gapPercent),
    seconds(row.bestFoundAtMs),
    seconds(row.totalMs),
    row.feasible ? 'yes' : 'NO',
  ];
}

/** Fixed-width columns, wide enough for the titles and for the usual values. */
class Table {
  private readonly widths: number[];

  constructor(private readonly columns: { title: string; left?: boolean }[]) {
    this.widths = columns.map(({ title }, i) => Math.max(title.length, i === 0 ? 12 : 8));
  }

  header(): string {
    return this.line(this.columns.map(({ title }) => title));
  }

  line(values: string[]): string {
    return values
      .map((value, i) =>
        this.columns[i].left ? value.padEnd(this.widths[i]) : value.padStart(this.widths[i]),
      )
      .join('  ')
      .trimEnd();
  }
}

function percent(value: number | null): string {
  return value === null ? '-' : `${fixed(value)} %`;
}

/** Two decimals, without '-0.00'. */
function fixed(value: number): string {
  return (Math.abs(value) < 0.005 ? 0 : value).toFixed(2);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function megabytes(bytes: number): number;
function megabytes(bytes: number | undefined): number | null;
function megabytes(bytes: number | undefined): number | null {
  return bytes === undefined ? null : tenths(bytes / 2 ** 20);
}

function tenths(value: number): number {
  return Math.round(value * 10) / 10;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
