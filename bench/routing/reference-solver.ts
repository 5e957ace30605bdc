/**
 * Another solver on the same instances and machine, as a yardstick: `npx ts-node --transpile-only
 * -r tsconfig-paths/register bench/routing/reference-solver.ts --command '<template>'
 * [--set X-large] [--time-limit 10] [--seeds 1,2,3] [--label hgs-cvrp]`.
 *
 * The template is the solver's command line with `{instance}`, `{solution}`, `{seconds}` and
 * `{seed}` to fill in; the solver must write a CVRPLIB `.sol`. For HGS-CVRP (Vidal 2022, built
 * from its repository with `g++ -O3 -o hgs Program/*.cpp`; its time limit is CPU time):
 * `--command '/path/hgs {instance} {solution} -t {seconds} -seed {seed}'`. Nothing is fetched:
 * bring the binary. Each plan is accepted by our independent checker, which recomputes its cost,
 * before it counts; the gap is to `bks.csv`, as in `bench:routing`. Prints each run and the
 * averages, and writes bench/results/routing-<label>-<set>-<limit>s.json with the load average.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type BenchmarkSet,
  benchmarkFiles,
  checkCvrpSolution,
  parseCvrplib,
  parseCvrplibSolution,
  readBestKnown,
} from '@oxyledger/routing';

const ROOT = join(__dirname, '..', '..');
const BENCH = resolve(ROOT, '..', 'shared', 'bench', 'cvrplib');
const CVRP_SETS = ['A', 'P', 'X', 'X-large'];

interface Run {
  name: string;
  seed: number;
  feasible: boolean;
  cost: number;
  gapPercent: number | null;
  wallMs: number;
  /** What the solver printed as its iteration count, when it did (HGS-CVRP does). */
  iterations: number | null;
  violations: string[];
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      command: { type: 'string' },
      set: { type: 'string', default: 'X-large' },
      'time-limit': { type: 'string', default: '10' },
      seeds: { type: 'string', default: '1' },
      label: { type: 'string', default: 'hgs-cvrp' },
    },
  });
  const template = values.command;
  if (!template || !['{instance}', '{solution}'].every((part) => template.includes(part))) {
    console.error("--command must hold the solver's command line with {instance} and {solution}");
    return 2;
  }
  if (!CVRP_SETS.includes(values.set!)) {
    console.error(`--set must be one of ${CVRP_SETS.join(', ')} (CVRP); got '${values.set}'`);
    return 2;
  }
  const seconds = Number(values['time-limit']);
  if (!(seconds > 0)) {
    console.error(`--time-limit must be above 0; got '${values['time-limit']}'`);
    return 2;
  }
  const seeds = values.seeds!.split(',').map(Number);
  if (!seeds.every((seed) => Number.isInteger(seed) && seed >= 0)) {
    console.error(`--seeds must be whole numbers, 0 or more; got '${values.seeds}'`);
    return 2;
  }
  if (!/^[\w.-]+$/.test(values.label!)) {
    console.error(`--label may hold letters, digits, '.', '_' and '-'; got '${values.label}'`);
    return 2;
  }

  const files = benchmarkFiles(BENCH, values.set as BenchmarkSet);
  const best = readBestKnown(BENCH);
  const scratch = mkdtempSync(join(tmpdir(), 'reference-solver-'));
  const loadBefore = loadavg();
  const runs: Run[] = [];
  try {
    for (const file of files) {
      const name = basename(file, '.vrp');
      const instance = parseCvrplib(readFileSync(file, 'utf8'), file);
      for (const seed of seeds) {
        const solutionFile = join(scratch, `${name}-${seed}.sol`);
        const [program, ...args] = template
          .split(/\s+/)
          .filter(Boolean)
          .map((part) =>
            part
              .replace('{instance}', file)
              .replace('{solution}', solutionFile)
              .replace('{seconds}', String(seconds))
              .replace('{seed}', String(seed)),
          );
        const started = performance.now();
        const printed = execFileSync(program, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
        const wallMs = performance.now() - started;
        const solution = parseCvrplibSolution(readFileSync(solutionFile, 'utf8'));
        const check = checkCvrpSolution(instance, solution);
        const bks = best.get(name);
        const run: Run = {
          name,
          seed,
          feasible: check.feasible,
          cost: check.cost,
          gapPercent: bks === undefined ? null : round((100 * (check.cost - bks)) / bks, 2),
          wallMs: round(wallMs, 0),
          iterations: iterationsIn(printed),
          violations: check.violations,
        };
        runs.push(run);
        console.log(
          `${name.padEnd(12)} seed ${seed}  cost ${run.cost}  gap ${run.gapPercent?.toFixed(2) ?? '—'} %  ` +
            `${run.iterations ?? '?'} iterations  ${(wallMs / 1000).toFixed(1)} s wall  ` +
            `(load ${loadavg()[0].toFixed(1)})` +
            (run.feasible ? '' : `  REJECTED: ${run.violations.slice(0, 3).join('; ')}`),
        );
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const accepted = runs.filter((run) => run.feasible && run.gapPercent !== null);
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const perInstance = files.map((file) => {
    const name = basename(file, '.vrp');
    const mine = accepted.filter((run) => run.name === name).map((run) => run.gapPercent!);
    return {
      name,
      meanGapPercent: mine.length ? round(mean(mine), 2) : null,
      min: mine.length ? Math.min(...mine) : null,
      max: mine.length ? Math.max(...mine) : null,
    };
  });
  const perSeed = seeds.map((seed) => {
    const gaps = accepted.filter((run) => run.seed === seed).map((run) => run.gapPercent!);
    return { seed, averageGapPercent: gaps.length ? round(mean(gaps), 2) : null };
  });
  const average = accepted.length ? round(mean(accepted.map((run) => run.gapPercent!)), 2) : null;
  for (const row of perInstance) {
    console.log(
      `${row.name.padEnd(12)} mean ${row.meanGapPercent?.toFixed(2) ?? '—'} % (${row.min}–${row.max})`,
    );
  }
  console.log(
    `average ${average?.toFixed(2) ?? '—'} % over ${accepted.length} of ${runs.length} accepted plans; ` +
      `per seed ${perSeed.map((s) => s.averageGapPercent?.toFixed(2) ?? '—').join(', ')}`,
  );

  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const path = join(out, `routing-${values.label}-${values.set}-${seconds}s.json`);
  writeFileSync(
    path,
    JSON.stringify(
      {
        solver: values.label,
        command: template,
        set: values.set,
        timeLimitSeconds: seconds,
        seeds,
        date: new Date().toISOString(),
        loadBefore,
        loadAfter: loadavg(),
        averageGapPercent: average,
        perSeed,
        perInstance,
        runs,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`written ${path}`);
  return runs.length === accepted.length ? 0 : 1;
}

function iterationsIn(printed: string): number | null {
  const match = /AFTER (\d+) ITERATIONS/.exec(printed);
  return match ? Number(match[1]) : null;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

process.exitCode = main(process.argv.slice(2));
