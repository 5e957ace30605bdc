import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { checkRoutingSolution } from '../checker/check-routing-solution';
import {
  benchmarkFiles,
  type BenchmarkSet,
  readBenchmarkInstance,
  readBestKnown,
} from './benchmark-instance';
import { InstanceFormatError } from './cvrplib';
import { parseCvrplibSolution } from './cvrplib-solution';

const BENCH = resolve(__dirname, '../../../../../shared/bench/cvrplib');

it('refuses a file of no known format, naming it', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'benchmark-instance-')), 'instance.json');
  writeFileSync(file, '{}');
  expect(() => readBenchmarkInstance(file)).toThrow(InstanceFormatError);
  expect(() => readBenchmarkInstance(file)).toThrow(`${file}: unknown format`);
});

describe('benchmark instances', () => {
  if (!existsSync(BENCH)) {
    console.warn(`benchmark instances not read: ${BENCH} is missing`);
    it.todo('reads every benchmark set (needs ../shared/bench/cvrplib)');
    return;
  }
  const best = readBestKnown(BENCH);

  it('reads bks.csv, quoted sources with commas included', () => {
    expect(best.size).toBe(200);
    expect(best.get('A-n32-k5')).toBe(784);
    expect(best.get('C101')).toBe(828.94);
    expect(best.get('p01')).toBe(576.87);
    expect(best.get('CON3-0')).toBe(616.52);
  });

  it.each([
    ['A', 27, 'A-n32-k5'],
    ['P', 24, 'P-n16-k8'],
    ['X', 11, 'X-n101-k25'],
    ['X-large', 9, 'X-n308-k13'],
    ['Solomon', 56, 'C101'],
    ['Cordeau', 33, 'p01'],
    ['Dethloff', 40, 'CON3-0'],
  ] as [BenchmarkSet, number, string][])(
    'set %s: lists its %i instances, in natural order, each with a bks',
    (set, count, first) => {
      const files = benchmarkFiles(BENCH, set);
      expect(files).toHaveLength(count);
      expect(basename(files[0]).startsWith(`${first}.`)).toBe(true);
      const names = files.map((file) => readBenchmarkInstance(file).name);
      expect(names.filter((name) => !best.has(name))).toEqual([]);
    },
  );

  it('picks the reader by extension and content, and the cost scale of each', () => {
    const read = (folder: string, file: string) => readBenchmarkInstance(join(BENCH, folder, file));
    const solomon = read('Solomon', 'C101.txt');
    expect(solomon.problem.customers[0].timeWindow).toEqual([912, 967]);
    expect(solomon.costScale).toBe(1);
    const cordeau = read('MDVRP-Cordeau', 'p01.txt');
    expect(cordeau.problem.depots).toHaveLength(4);
    expect(cordeau.costScale).toBe(1);
    const dethloff = read('VRPSPD-Dethloff', 'CON3-0.vrpspd');
    expect(dethloff.name).toBe('CON3-0');
    expect(dethloff.costScale).toBe(10_000);
    const cvrp = read('A', 'A-n32-k5.vrp');
    expect(cvrp.problem.vehicleTypes).toEqual([{ depot: 0, count: 31, capacity: [100] }]);
    expect(cvrp.problem.customers[0]).toEqual({ location: 1, delivery: [19], pickup: [0] });
    expect(cvrp.problem.distance.flat().every(Number.isInteger)).toBe(true);
  });

  it.each(['A', 'P', 'X'] as BenchmarkSet[])(
    'checks every CVRPLIB .sol of set %s feasible, at the cost bks.csv gives',
    (set) => {
      for (const file of benchmarkFiles(BENCH, set)) {
        const instance = readBenchmarkInstance(file);
        const sol = parseCvrplibSolution(readFileSync(file.replace(/\.vrp$/, '.sol'), 'utf8'));
        const index = new Map(instance.customerNumbers.map((number, i) => [number, i]));
        const routes = sol.routes.map((route) => ({
          vehicleType: 0,
          customers: route.map((number) => index.get(number) ?? -1),
        }));
        const check = checkRoutingSolution(instance.problem, { routes });
        expect({ file, violations: check.violations, cost: check.cost }).toEqual({
          file,
          violations: [],
          cost: best.get(instance.name),
        });
      }
    },
  );
});
