import type { RoutingProblem, VehicleType } from '../problem/routing-problem';
import { InstanceFormatError } from './cvrplib';

/**
 * Cordeau's multi-depot VRP instances (type 2): `type m n t` (m vehicles at each of t depots, n
 * customers), then per depot `D Q` (longest route, 0 for none; capacity), then per customer
 * `i x y d q …` (service duration d, demand q), then per depot `i x y …`. Travel times are the
 * real-valued Euclidean distances.
 */
export interface CordeauInstance {
  name: string;
  problem: RoutingProblem;
  /** `i` of each of `problem.customers`, 1..n. */
  customerNumbers: number[];
}

const MULTI_DEPOT_VRP = 2;

export function parseCordeau(text: string, file = 'instance'): CordeauInstance {
  const rows = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/\s+/).map(Number));
  if (rows.length === 0) throw new InstanceFormatError(file, 'the file is empty');
  const [type, perDepot, customerCount, depotCount] = rows[0];
  if (rows[0].length !== 4 || type !== MULTI_DEPOT_VRP) {
    throw new InstanceFormatError(
      file,
      `the first line must be 'type m n t' with type ${MULTI_DEPOT_VRP} (multi-depot VRP)`,
    );
  }
  for (const [field, value] of [
    ['m', perDepot],
    ['n', customerCount],
    ['t', depotCount],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new InstanceFormatError(file, `${field} must be a positive integer, got ${value}`);
    }
  }
  const expected = 1 + depotCount + customerCount + depotCount;
  if (rows.length !== expected) {
    throw new InstanceFormatError(
      file,
      `expected ${expected} non-empty lines for ${customerCount} customers and ${depotCount} depots, got ${rows.length}`,
    );
  }
  const limits = rows.slice(1, 1 + depotCount);
  const customerRows = rows.slice(1 + depotCount, 1 + depotCount + customerCount);
  const depotRows = rows.slice(1 + depotCount + customerCount);

  const vehicleTypes = limits.map(([maxDuration, capacity], depot): VehicleType => {
    if (!(maxDuration >= 0) || !(capacity > 0)) {
      throw new InstanceFormatError(
        file,
        `depot ${depot + 1}: 'D Q' needs D ≥ 0 and Q > 0, got '${maxDuration} ${capacity}'`,
      );
    }
    return {
      depot,
      count: perDepot,
      capacity: [capacity],
      ...(maxDuration > 0 ? { maxDuration } : {}),
    };
  });
  customerRows.forEach((row, index) => checkRow(row, index + 1, 'customer', file));
  depotRows.forEach((row, index) => checkRow(row, customerCount + index + 1, 'depot', file));

  const located = [...customerRows, ...depotRows];
  const points = located.map(([, x, y]) => ({ x, y }));
  return {
    name: file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, ''),
    problem: {
      distance: points.map((a) => points.map((b) => Math.hypot(a.x - b.x, a.y - b.y))),
      coordinates: points,
      depots: depotRows.map((_, depot) => ({ location: customerCount + depot })),
      vehicleTypes,
      customers: customerRows.map(([, , , service, demand], location) => ({
        location,
        delivery: [demand],
        pickup: [0],
        serviceTime: service,
      })),
    },
    customerNumbers: customerRows.map(([number]) => number),
  };
}

function checkRow(row: number[], number: number, what: 'customer' | 'depot', file: string): void {
  const columns = what === 'customer' ? 'i x y d q' : 'i x y';
  if (row[0] !== number) {
    throw new InstanceFormatError(file, `${what} ${number}: i must be ${number}, got ${row[0]}`);
  }
  const width = columns.split(' ').length;
  if (row.length < width || row.some((value) => !Number.isFinite(value))) {
    throw new InstanceFormatError(file, `${what} ${number}: '${columns} …' must be numbers`);
  }
  if (what === 'customer' && (row[3] < 0 || row[4] < 0)) {
    throw new InstanceFormatError(file, `customer ${number}: d and q must not be negative`);
  }
}
