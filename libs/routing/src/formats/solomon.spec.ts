import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkRoutingSolution } from '../checker/check-routing-solution';
import { InstanceFormatError } from './cvrplib';
import { parseSolomon } from './solomon';

const BENCH = resolve(__dirname, '../../../../../shared/bench/cvrplib');

const TINY = [
  'TINY',
  '',
  'VEHICLE',
  'NUMBER     CAPACITY',
  '  3         50',
  '',
  'CUSTOMER',
  'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME',
  ' ',
  '    0      0          0          0          0       1000          0',
  '    1      3          4         10         20         80         15',
  '    2      1          1         25          0        500         10',
].join('\r\n');

describe('parseSolomon', () => {
  it('reads the fleet, the depot window and each customer', () => {
    const { name, problem, customerNumbers } = parseSolomon(TINY, 'tiny.txt');
    expect(name).toBe('TINY');
    expect(customerNumbers).toEqual([1, 2]);
    expect(problem.depots).toEqual([{ location: 0, timeWindow: [0, 1000] }]);
    expect(problem.vehicleTypes).toEqual([{ depot: 0, count: 3, capacity: [50] }]);
    expect(problem.customers).toEqual([
      { location: 1, delivery: [10], pickup: [0], serviceTime: 15, timeWindow: [20, 80] },
      { location: 2, delivery: [25], pickup: [0], serviceTime: 10, timeWindow: [0, 500] },
    ]);
  });

  it('measures distance and travel time as the unrounded Euclidean distance', () => {
    const { problem } = parseSolomon(TINY, 'tiny.txt');
    expect(problem.duration).toBeUndefined();
    expect(problem.distance[0][1]).toBe(5);
    expect(problem.distance[0][2]).toBeCloseTo(Math.SQRT2, 12);
    expect(problem.distance[1][2]).toBeCloseTo(Math.hypot(2, 3), 12);
  });

  it.each([
    ['without the VEHICLE section', TINY.replace('VEHICLE', 'FLEET'), /VEHICLE section/],
    [
      'with customers out of order',
      TINY.replace('    2      1', '    7      1'),
      /CUST NO\. must be 2, got 7/,
    ],
    [
      'with a window closing before it opens',
      TINY.replace('20         80', '90         80'),
      /READY TIME 90 is after DUE DATE 80/,
    ],
    [
      'with a short customer row',
      TINY.replace('         10', ''),
      /CUSTOMER: .* is not a row of 7 numbers/,
    ],
    [
      'with no vehicles',
      TINY.replace('  3         50', '  0         50'),
      /VEHICLE NUMBER must be a positive integer/,
    ],
  ])('refuses an instance %s, naming the file and the rule', (_, text, message) => {
    const parse = () => parseSolomon(text, 'broken.txt');
    expect(parse).toThrow(InstanceFormatError);
    expect(parse).toThrow(/^broken\.txt: /);
    expect(parse).toThrow(message);
  });
});

describe('Solomon instances', () => {
  if (!existsSync(BENCH)) {
    console.warn(`Solomon instances not read: ${BENCH} is missing`);
    it.todo('reads the Solomon instances (needs ../shared/bench/cvrplib)');
    return;
  }

  it('reads C101 as the paper gives it: 100 customers, 25 vehicles of 200, a day of 1236', () => {
    const file = join(BENCH, 'Solomon', 'C101.txt');
    const { name, problem, customerNumbers } = parseSolomon(readFileSync(file, 'utf8'), file);
    expect(name).toBe('C101');
    expect(problem.customers).toHaveLength(100);
    expect(customerNumbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(problem.vehicleTypes).toEqual([{ depot: 0, count: 25, capacity: [200] }]);
    expect(problem.depots[0].timeWindow).toEqual([0, 1236]);
    expect(problem.customers[0]).toEqual({
      location: 1,
      delivery: [10],
      pickup: [0],
      serviceTime: 90,
      timeWindow: [912, 967],
    });
    expect(problem.customers.reduce((sum, c) => sum + c.delivery[0], 0)).toBe(1810);
  });

  it('gives every customer of R101 a route of its own that keeps its window', () => {
    const file = join(BENCH, 'Solomon', 'R101.txt');
    const { problem } = parseSolomon(readFileSync(file, 'utf8'), file);
    problem.customers.forEach((customer) => {
      const alone = { ...problem, customers: [customer] };
      const check = checkRoutingSolution(alone, { routes: [{ vehicleType: 0, customers: [0] }] });
      expect(check.violations).toEqual([]);
    });
  });
});
