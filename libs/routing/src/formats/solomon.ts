import type { RoutingProblem } from '../problem/routing-problem';
import { InstanceFormatError } from './cvrplib';

/**
 * Solomon's VRPTW instances: the name, `VEHICLE` with `NUMBER CAPACITY`, then `CUSTOMER` rows
 * `CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME`, customer 0 being the depot.
 * Travel times are the real-valued Euclidean distances, not rounded.
 */
export interface SolomonInstance {
  name: string;
  problem: RoutingProblem;
  /** `CUST NO.` of each of `problem.customers`. */
  customerNumbers: number[];
}

export function parseSolomon(text: string, file = 'instance'): SolomonInstance {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const vehicleAt = lines.findIndex((line) => /^VEHICLE$/i.test(line));
  const customerAt = lines.findIndex((line) => /^CUSTOMER$/i.test(line));
  if (vehicleAt < 0 || customerAt < vehicleAt) {
    throw new InstanceFormatError(
      file,
      'a VEHICLE section followed by a CUSTOMER section is expected',
    );
  }
  const fleet = numericRows(lines.slice(vehicleAt + 1, customerAt), 'VEHICLE', 2, file);
  if (fleet.length !== 1) {
    throw new InstanceFormatError(file, 'VEHICLE must have one row: NUMBER CAPACITY');
  }
  const [vehicles, capacity] = fleet[0];
  if (!Number.isInteger(vehicles) || vehicles <= 0) {
    throw new InstanceFormatError(
      file,
      `VEHICLE NUMBER must be a positive integer, got ${vehicles}`,
    );
  }
  if (!(capacity > 0)) {
    throw new InstanceFormatError(file, `VEHICLE CAPACITY must be positive, got ${capacity}`);
  }

  const rows = numericRows(lines.slice(customerAt + 1), 'CUSTOMER', 7, file);
  if (rows.length < 2) {
    throw new InstanceFormatError(
      file,
      'CUSTOMER must list the depot (0) and at least one customer',
    );
  }
  rows.forEach(([number, , , demand, ready, due, service], index) => {
    const where = `CUSTOMER row ${index + 1}`;
    if (number !== index) {
      throw new InstanceFormatError(file, `${where}: CUST NO. must be ${index}, got ${number}`);
    }
    if (demand < 0 || service < 0) {
      throw new InstanceFormatError(file, `${where}: DEMAND and SERVICE TIME must not be negative`);
    }
    if (ready > due) {
      throw new InstanceFormatError(file, `${where}: READY TIME ${ready} is after DUE DATE ${due}`);
    }
  });

  const points = rows.map(([, x, y]) => ({ x, y }));
  const [depot, ...customers] = rows;
  return {
    name: lines.find((line) => line !== '') ?? file,
    problem: {
      distance: points.map((a) => points.map((b) => Math.hypot(a.x - b.x, a.y - b.y))),
      coordinates: points,
      depots: [{ location: 0, timeWindow: [depot[4], depot[5]] }],
      vehicleTypes: [{ depot: 0, count: vehicles, capacity: [capacity] }],
      customers: customers.map(([number, , , demand, ready, due, service]) => ({
        location: number,
        delivery: [demand],
        pickup: [0],
        serviceTime: service,
        timeWindow: [ready, due],
      })),
    },
    customerNumbers: customers.map(([number]) => number),
  };
}

/** The rows of numbers in a section, its column-title lines skipped. */
function numericRows(lines: string[], section: string, columns: number, file: string): number[][] {
  const rows: number[][] = [];
  for (const line of lines) {
    if (line === '' || /^[A-Z]/i.test(line)) continue;
    const row = line.split(/\s+/).map(Number);
    if (row.length !== columns || row.some((value) => !Number.isFinite(value))) {
      throw new InstanceFormatError(
        file,
        `${section}: '${line}' is not a row of ${columns} numbers`,
      );
    }
    rows.push(row);
  }
  return rows;
}
