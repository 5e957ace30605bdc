import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCvrplib } from '../formats/cvrplib';
import { parseCvrplibSolution } from '../formats/cvrplib-solution';
import { checkCvrpSolution } from './check-cvrp-solution';

/** The shared benchmark data, beside the repository (../shared/bench/cvrplib). */
const BENCH = resolve(__dirname, '../../../../../shared/bench/cvrplib');

const tiny = parseCvrplib(
  [
    'NAME : tiny',
    'DIMENSION : 4',
    'CAPACITY : 10',
    'EDGE_WEIGHT_TYPE : EUC_2D',
    'NODE_COORD_SECTION',
    '1 0 0',
    '2 3 4',
    '3 6 8',
    '4 0 5',
    'DEMAND_SECTION',
    '1 0',
    '2 4',
    '3 4',
    '4 7',
    'DEPOT_SECTION',
    '1',
    '-1',
    'EOF',
  ].join('\n'),
);

describe('CVRP solution checker', () => {
  it('recomputes the cost with rounded Euclidean distances', () => {
    // depot → 1 (3,4): 5; 1 → 2 (6,8): 5; 2 → depot: 10; depot → 3 (0,5) and back: 10
    expect(checkCvrpSolution(tiny, { routes: [[1, 2], [3]], cost: 30 })).toEqual({
      feasible: true,
      cost: 30,
      violations: [],
    });
  });

  it('names every broken rule: over capacity, served twice, not served', () => {
    const result = checkCvrpSolution(tiny, { routes: [[1, 3], [1]], cost: undefined });
    expect(result.feasible).toBe(false);
    expect(result.violations).toEqual([
      'route 1: load 11 over capacity 10',
      'customer 1 served 2 times',
      'customer 2 served 0 times',
    ]);
  });

  const sets = ['A', 'P', 'X'];
  if (!existsSync(BENCH)) {
    console.warn(`CVRPLIB best-known solutions not checked: ${BENCH} is missing`);
    it.todo('checks the best-known solutions of A, P and X (needs ../shared/bench/cvrplib)');
    return;
  }
  const bks = new Map(
    readFileSync(join(BENCH, 'bks.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.split(','))
      .map(([, name, , , value]) => [name, Number(value)]),
  );

  it.each(sets)('accepts every best-known solution of set %s at its published cost', (set) => {
    const names = readdirSync(join(BENCH, set))
      .filter((file) => file.endsWith('.vrp'))
      .map((file) => file.slice(0, -'.vrp'.length));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const instance = parseCvrplib(readFileSync(join(BENCH, set, `${name}.vrp`), 'utf8'), name);
      const solution = parseCvrplibSolution(readFileSync(join(BENCH, set, `${name}.sol`), 'utf8'));
      const result = checkCvrpSolution(instance, solution);
      expect({ name, ...result }).toEqual({
        name,
        feasible: true,
        cost: bks.get(name),
        violations: [],
      });
      expect(result.cost).toBe(solution.cost);
    }
  });
});
