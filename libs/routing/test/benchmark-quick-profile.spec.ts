import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { checkRoutingSolution } from '../src/checker/check-routing-solution';
import {
  benchmarkFiles,
  type BenchmarkSet,
  readBenchmarkInstance,
} from '../src/formats/benchmark-instance';
import { solveRouting } from '../src/solve-routing';

const BENCH = resolve(__dirname, '../../../../shared/bench/cvrplib');
const SETS: BenchmarkSet[] = ['A', 'P', 'X', 'Solomon', 'Cordeau', 'Dethloff'];
/**
 * The quick profile: a short search per instance, enough to reach a feasible plan — a second
 * for Solomon's tight receiving windows, less for the others.
 */
const timeLimitMs = (set: BenchmarkSet) => (set === 'Solomon' ? 1_000 : 400);

describe('the solver on every benchmark instance, quick profile, checked independently', () => {
  if (!existsSync(BENCH)) {
    console.warn(`benchmark instances not solved: ${BENCH} is missing`);
    it.todo('solves every benchmark instance (needs ../shared/bench/cvrplib)');
    return;
  }

  it.each(SETS)('every plan for set %s is feasible, at the cost the checker recomputes', (set) => {
    const verdicts = benchmarkFiles(BENCH, set).map((file) => {
      const { problem } = readBenchmarkInstance(file);
      const { solution } = solveRouting(problem, { timeLimitMs: timeLimitMs(set), seed: 1 });
      const check = checkRoutingSolution(problem, solution);
      return {
        instance: basename(file),
        feasible: check.feasible && solution.feasible,
        violations: check.violations.slice(0, 3),
        costAgrees: Math.abs(check.cost - solution.cost) <= 1e-6 * Math.max(1, check.cost),
      };
    });
    const failures = verdicts.filter((v) => !v.feasible || !v.costAgrees);
    expect(failures).toEqual([]);
    expect(verdicts.length).toBeGreaterThan(0);
  });
});
