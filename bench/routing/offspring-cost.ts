/**
 * What one offspring costs: `npx ts-node --transpile-only -r tsconfig-paths/register
 * bench/routing/offspring-cost.ts [--set X-large] [--only <name part>,…] [--seeds 1,2,3]
 * (--iterations <offspring> | --cpu-seconds <s>) [--first-population <solutions>]`.
 *
 * Runs the search of one thread on each instance of a set and prints, per instance and seed,
 * the CPU time of the first population, the CPU time per offspring after it (the regions
 * searched on their own included), the offspring made and the gap to the best-known value. The
 * search's clock is the process's CPU time, so `--cpu-seconds` buys the same work whether the
 * machine is quiet or shared, and `--iterations` gives the same plans: figures taken while
 * others work compare with each other, unlike `bench:routing`'s wall-clock limits (which stay
 * the measure of the targets). `--first-population` replaces the search's own count (a number
 * of educated solutions, cut at a tenth of the limit). Writes
 * bench/results/routing-offspring-<set>-<budget>.json with the load average before and after.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type BenchmarkSet,
  benchmarkFiles,
  readBenchmarkInstance,
  readBestKnown,
  validateRoutingProblem,
} from '@oxyledger/routing';
import { HybridGeneticSearch } from '../../libs/routing/src/search/hybrid-genetic-search';
import { SearchProblem } from '../../libs/routing/src/search/search-problem';

const ROOT = join(__dirname, '..', '..');
const BENCH = resolve(ROOT, '..', 'shared', 'bench', 'cvrplib');

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      set: { type: 'string', default: 'X-large' },
      only: { type: 'string', default: '' },
      seeds: { type: 'string', default: '1' },
      iterations: { type: 'string' },
      'cpu-seconds': { type: 'string' },
      'first-population': { type: 'string' },
    },
  });
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  const cpuSeconds =
    values['cpu-seconds'] === undefined ? undefined : Number(values['cpu-seconds']);
  const first =
    values['first-population'] === undefined ? undefined : Number(values['first-population']);
  const seeds = values.seeds!.split(',').map(Number);
  if ((iterations === undefined) === (cpuSeconds === undefined)) {
    console.error('Give one of --iterations <offspring> or --cpu-seconds <seconds>');
    return 2;
  }
  if (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 0)) {
    console.error(`--iterations must be a whole number, 0 or more; got '${values.iterations}'`);
    return 2;
  }
  if (cpuSeconds !== undefined && !(cpuSeconds > 0)) {
    console.error(`--cpu-seconds must be above 0; got '${values['cpu-seconds']}'`);
    return 2;
  }
  if (first !== undefined && !(Number.isInteger(first) && first >= 1)) {
    console.error(`--first-population must be a whole number, 1 or more`);
    return 2;
  }
  if (!seeds.every((seed) => Number.isInteger(seed) && seed >= 0)) {
    console.error(`--seeds must be whole numbers, 0 or more; got '${values.seeds}'`);
    return 2;
  }
  const parts = values.only!.split(',');
  const files = benchmarkFiles(BENCH, values.set as BenchmarkSet).filter((file) =>
    parts.some((part) => file.includes(part)),
  );
  const best = readBestKnown(BENCH);
  const loadBefore = loadavg();
  const rows = [];
  for (const file of files) {
    const name = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
    const instance = readBenchmarkInstance(file);
    validateRoutingProblem(instance.problem);
    const problem = new SearchProblem(instance.problem);
    for (const seed of seeds) {
      const started = cpuMs();
      const outcome = new HybridGeneticSearch(problem, {
        timeLimitMs: cpuSeconds === undefined ? 3_600_000 : cpuSeconds * 1000,
        clock: cpuMs,
        startedAt: started,
        iterationLimit: iterations ?? Infinity,
        noImprovementLimit: Infinity,
        seed,
        ...(first === undefined ? {} : { initialSize: first }),
      }).run();
      const offspringMs =
        (outcome.elapsedMs - outcome.firstPopulationMs) / Math.max(1, outcome.iterations);
      const bks = best.get(name);
      const cost = outcome.best.cost / instance.costScale;
      const row = {
        name,
        seed,
        feasible: outcome.feasible,
        offspring: outcome.iterations,
        gapPercent: bks === undefined ? null : round((100 * (cost - bks)) / bks, 2),
        firstPopulationCpuMs: round(outcome.firstPopulationMs, 0),
        cpuMsPerOffspring: round(offspringMs, 1),
        loadAverage: round(loadavg()[0], 1),
      };
      rows.push(row);
      console.log(
        `${name.padEnd(12)} seed ${seed}  ${String(row.offspring).padStart(5)} offspring  ` +
          `gap ${row.gapPercent?.toFixed(2) ?? '—'} %  first population ${row.firstPopulationCpuMs} ms CPU  ` +
          `${row.cpuMsPerOffspring} ms CPU per offspring  (load ${row.loadAverage})` +
          (row.feasible ? '' : '  INFEASIBLE'),
      );
    }
  }
  const budget = iterations === undefined ? `${cpuSeconds}cpus` : `${iterations}it`;
  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const path = join(
    out,
    `routing-offspring-${values.set}-${budget}${values.only ? '.partial' : ''}.json`,
  );
  writeFileSync(
    path,
    JSON.stringify(
      {
        set: values.set,
        iterations,
        cpuSeconds,
        firstPopulation: first,
        seeds,
        loadBefore,
        loadAfter: loadavg(),
        rows,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`written ${path}`);
  return rows.every((row) => row.feasible) ? 0 : 1;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

process.exitCode = main(process.argv.slice(2));
