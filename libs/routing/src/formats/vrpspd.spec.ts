import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InstanceFormatError } from './cvrplib';
import { parseVrpspd } from './vrpspd';

const BENCH = resolve(__dirname, '../../../../../shared/bench/cvrplib');

const TINY = [
  'NAME : TINY',
  'TYPE : VRPSPD',
  'DIMENSION : 3',
  'VEHICLES : 2',
  'CAPACITY : 100',
  'DISTANCE : 500',
  'EDGE_WEIGHT_TYPE : EXPLICIT',
  'EDGE_WEIGHT_FORMAT : FULL_MATRIX',
  'EDGE_WEIGHT_SECTION',
  '0 10 20 10',
  '0 15',
  '20 15 0',
  'PICKUP_AND_DELIVERY_SECTION',
  '1 0 0 10000000 0 30 5',
  '2 0 0 10000000 0 0 0',
  '3 0 0 10000000 4 7 60',
  'DEPOT_SECTION',
  '2',
  '-1',
  'EOF',
].join('\n');

describe('parseVrpspd', () => {
  it('reads the fleet, the matrix over wrapped lines, and pickup (column 6) and delivery (7)', () => {
    const { name, problem, customerNumbers } = parseVrpspd(TINY, 'tiny.vrpspd');
    expect(name).toBe('TINY');
    expect(problem.distance).toEqual([
      [0, 10, 20],
      [10, 0, 15],
      [20, 15, 0],
    ]);
    expect(problem.duration).toBeUndefined();
    expect(problem.depots).toEqual([{ location: 1 }]);
    expect(problem.vehicleTypes).toEqual([
      { depot: 0, count: 2, capacity: [100], maxDuration: 500 },
    ]);
    expect(problem.customers).toEqual([
      { location: 0, delivery: [5], pickup: [30] },
      { location: 2, delivery: [60], pickup: [7], serviceTime: 4 },
    ]);
    expect(customerNumbers).toEqual([1, 2]);
  });

  it('leaves out the duration limit when DISTANCE is 0', () => {
    const { problem } = parseVrpspd(TINY.replace('DISTANCE : 500', 'DISTANCE : 0'), 'tiny');
    expect(problem.vehicleTypes[0].maxDuration).toBeUndefined();
  });

  it.each([
    [
      'with a matrix one number short',
      TINY.replace('0 15\n', '0\n'),
      /DIMENSION² = 9 numbers, got 8/,
    ],
    [
      'with another edge weight format',
      TINY.replace('FULL_MATRIX', 'UPPER_ROW'),
      /EDGE_WEIGHT_FORMAT must be FULL_MATRIX/,
    ],
    ['without VEHICLES', TINY.replace('VEHICLES : 2\n', ''), /VEHICLES must be a positive integer/],
    [
      'with a node given twice',
      TINY.replace('3 0 0 10000000 4', '1 0 0 10000000 4'),
      /node 1 is outside 1\.\.3 or repeated/,
    ],
    ['with two depots', TINY.replace('2\n-1', '2\n3\n-1'), /DEPOT_SECTION must name one depot/],
    [
      'with a word in a section',
      TINY.replace('0 15\n', '0 fifteen\n'),
      /'0 fifteen' is not a row of numbers/,
    ],
  ])('refuses an instance %s, naming the file and the rule', (_, text, message) => {
    const parse = () => parseVrpspd(text, 'broken.vrpspd');
    expect(parse).toThrow(InstanceFormatError);
    expect(parse).toThrow(/^broken\.vrpspd: /);
    expect(parse).toThrow(message);
  });
});

describe('Dethloff VRPSPD instances', () => {
  if (!existsSync(BENCH)) {
    console.warn(`Dethloff instances not read: ${BENCH} is missing`);
    it.todo('reads the Dethloff instances (needs ../shared/bench/cvrplib)');
    return;
  }

  // Vehicles as the files give them, capacity as bks.csv does.
  it.each([
    ['CON3-0', 4, 8080987],
    ['CON8-3', 10, 3185245],
    ['SCA8-9', 9, 2826917],
  ])(
    'reads %s: 50 customers, %i vehicles of %i, a symmetric matrix',
    (name, vehicles, capacity) => {
      const file = join(BENCH, 'VRPSPD-Dethloff', `${name}.vrpspd`);
      const { problem } = parseVrpspd(readFileSync(file, 'utf8'), file);
      expect(problem.customers).toHaveLength(50);
      expect(problem.depots).toEqual([{ location: 0 }]);
      expect(problem.vehicleTypes).toEqual([{ depot: 0, count: vehicles, capacity: [capacity] }]);
      const symmetric = problem.distance.every((row, a) =>
        row.every((d, b) => d === problem.distance[b][a]),
      );
      expect(symmetric).toBe(true);
      const pickups = problem.customers.reduce((sum, c) => sum + c.pickup[0], 0);
      expect(
        Math.max(
          pickups,
          problem.customers.reduce((sum, c) => sum + c.delivery[0], 0),
        ),
      ).toBeLessThanOrEqual(vehicles * capacity);
    },
  );
});
