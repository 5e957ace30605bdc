import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkCvrpSolution } from '../checker/check-cvrp-solution';
import { parseCvrplib } from '../formats/cvrplib';
import { solveCvrp } from './cvrp';

const BENCH = resolve(__dirname, '../../../../../shared/bench/cvrplib');

describe('CVRP solver (savings + 2-opt)', () => {
  if (!existsSync(BENCH)) {
    console.warn(`CVRPLIB instances not solved: ${BENCH} is missing`);
    it.todo('solves the A and P instances (needs ../shared/bench/cvrplib)');
    return;
  }

  it.each(['A', 'P'])(
    'returns a feasible solution for every instance of set %s, at the cost the checker recomputes',
    (set) => {
      for (const file of readdirSync(join(BENCH, set)).filter((f) => f.endsWith('.vrp'))) {
        const instance = parseCvrplib(readFileSync(join(BENCH, set, file), 'utf8'), file);
        const solution = solveCvrp(instance);
        const check = checkCvrpSolution(instance, { ...solution });
        expect({ file, feasible: check.feasible, violations: check.violations }).toEqual({
          file,
          feasible: true,
          violations: [],
        });
        expect(check.cost).toBe(solution.cost);
      }
    },
  );

  it('is deterministic', () => {
    const instance = parseCvrplib(readFileSync(join(BENCH, 'A', 'A-n32-k5.vrp'), 'utf8'));
    expect(solveCvrp(instance)).toEqual(solveCvrp(instance));
  });
});
