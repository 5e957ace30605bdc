import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCordeau } from './cordeau';
import { InstanceFormatError } from './cvrplib';

const BENCH = resolve(__dirname, '../../../../../shared/bench/cvrplib');

const TINY = [
  '2 3 3 2',
  '0 80',
  '150 60',
  ' 1  3  4  5 10 1 2 1 2',
  ' 2 -3 -4  0 20 1 2 1 2',
  ' 3  6  8  2  7 1 2 1 2',
  ' 4  0  0  0  0',
  ' 5  6  0  0  0',
].join('\n');

describe('parseCordeau', () => {
  it('makes one vehicle type per depot, with its capacity and its duration limit if any', () => {
    const { name, problem, customerNumbers } = parseCordeau(TINY, 'data/tiny.txt');
    expect(name).toBe('tiny');
    expect(problem.depots).toEqual([{ location: 3 }, { location: 4 }]);
    expect(problem.vehicleTypes).toEqual([
      { depot: 0, count: 3, capacity: [80] },
      { depot: 1, count: 3, capacity: [60], maxDuration: 150 },
    ]);
    expect(customerNumbers).toEqual([1, 2, 3]);
    expect(problem.customers).toEqual([
      { location: 0, delivery: [10], pickup: [0], serviceTime: 5 },
      { location: 1, delivery: [20], pickup: [0], serviceTime: 0 },
      { location: 2, delivery: [7], pickup: [0], serviceTime: 2 },
    ]);
  });

  it('measures distance (and so travel time) as the unrounded Euclidean distance', () => {
    const { problem } = parseCordeau(TINY, 'tiny.txt');
    expect(problem.duration).toBeUndefined();
    expect(problem.distance[0][1]).toBe(10);
    expect(problem.distance[3][0]).toBe(5);
    expect(problem.distance[4][2]).toBe(8);
    expect(problem.distance[1][4]).toBeCloseTo(Math.hypot(9, 4), 12);
  });

  it.each([
    ['of another type (a periodic VRP)', TINY.replace('2 3 3 2', '1 3 3 2'), /type 2/],
    ['with a depot missing', TINY.replace(' 5  6  0  0  0', ''), /expected 8 non-empty lines/],
    [
      'with customers out of order',
      TINY.replace(' 2 -3', ' 9 -3'),
      /customer 2: i must be 2, got 9/,
    ],
    ['with a negative demand', TINY.replace('0 20 1', '0 -20 1'), /customer 2: d and q/],
    ['with no capacity', TINY.replace('0 80', '0 0'), /depot 1: 'D Q' needs D ≥ 0 and Q > 0/],
  ])('refuses an instance %s, naming the file and the rule', (_, text, message) => {
    const parse = () => parseCordeau(text, 'broken.txt');
    expect(parse).toThrow(InstanceFormatError);
    expect(parse).toThrow(/^broken\.txt: /);
    expect(parse).toThrow(message);
  });
});

describe('Cordeau MDVRP instances', () => {
  if (!existsSync(BENCH)) {
    console.warn(`Cordeau instances not read: ${BENCH} is missing`);
    it.todo('reads the Cordeau instances (needs ../shared/bench/cvrplib)');
    return;
  }
  const read = (name: string) => {
    const file = join(BENCH, 'MDVRP-Cordeau', `${name}.txt`);
    return parseCordeau(readFileSync(file, 'utf8'), file).problem;
  };

  // Customers, depots and vehicles as bks.csv's source lists them.
  it.each([
    ['p01', 50, 4, 16, 80, undefined],
    ['p08', 249, 2, 28, 500, 310],
    ['p14', 80, 2, 10, 60, 180],
    ['p21', 360, 9, 45, 60, undefined],
    ['pr01', 48, 4, 4, 200, 500],
    ['pr10', 288, 6, 24, 170, 425],
  ])(
    'reads %s: %i customers, %i depots, %i vehicles of %i',
    (name, customers, depots, vehicles, capacity, maxDuration) => {
      const problem = read(name);
      expect(problem.customers).toHaveLength(customers);
      expect(problem.depots).toHaveLength(depots);
      expect(problem.vehicleTypes.reduce((sum, type) => sum + type.count, 0)).toBe(vehicles);
      for (const type of problem.vehicleTypes) {
        expect(type.capacity).toEqual([capacity]);
        expect(type.maxDuration).toBe(maxDuration);
      }
    },
  );

  it('keeps the service durations of the pr instances', () => {
    expect(
      read('pr01')
        .customers.slice(0, 3)
        .map((c) => c.serviceTime),
    ).toEqual([2, 7, 21]);
  });
});
