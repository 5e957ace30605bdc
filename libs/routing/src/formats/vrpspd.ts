import type { RoutingProblem } from '../problem/routing-problem';
import { InstanceFormatError } from './cvrplib';

/**
 * LKH-3's VRP with simultaneous pickup and delivery: a TSPLIB-style header (`DIMENSION`,
 * `VEHICLES`, `CAPACITY`, `DISTANCE` — the longest route, 0 for none), an explicit
 * `FULL_MATRIX` in `EDGE_WEIGHT_SECTION`, `PICKUP_AND_DELIVERY_SECTION` rows
 * `id demand earliest latest service pickup delivery`, and `DEPOT_SECTION`. The route length
 * limit is on the matrix, so travel time is the matrix too. The time-window columns are not part
 * of the VRPSPD and are ignored.
 */
export interface VrpspdInstance {
  name: string;
  problem: RoutingProblem;
  /** CVRPLIB `.sol` numbering: the nodes other than the depot, in file order, from 1. */
  customerNumbers: number[];
}

const SECTIONS = ['EDGE_WEIGHT_SECTION', 'PICKUP_AND_DELIVERY_SECTION', 'DEPOT_SECTION'];

export function parseVrpspd(text: string, file = 'instance'): VrpspdInstance {
  const header = new Map<string, string>();
  const sections = new Map<string, number[][]>();
  let section: number[][] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line === 'EOF') break;
    const sectionName = line.replace(/\s*:?\s*$/, '');
    const keyValue = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (SECTIONS.includes(sectionName)) {
      section = [];
      sections.set(sectionName, section);
    } else if (keyValue) {
      header.set(keyValue[1], keyValue[2].trim());
      section = undefined;
    } else if (section) {
      const values = line.split(/\s+/).map(Number);
      if (values.some((value) => !Number.isFinite(value))) {
        throw new InstanceFormatError(file, `'${line}' is not a row of numbers`);
      }
      section.push(values);
    } else {
      throw new InstanceFormatError(file, `unexpected line '${line}'`);
    }
  }

  const type = header.get('TYPE');
  if (type !== undefined && type !== 'VRPSPD') {
    throw new InstanceFormatError(file, `TYPE must be VRPSPD, got '${type}'`);
  }
  for (const [field, value] of [
    ['EDGE_WEIGHT_TYPE', 'EXPLICIT'],
    ['EDGE_WEIGHT_FORMAT', 'FULL_MATRIX'],
  ]) {
    if (header.get(field) !== value) {
      throw new InstanceFormatError(
        file,
        `${field} must be ${value}, got '${header.get(field) ?? ''}'`,
      );
    }
  }
  const headerValue = (field: string, rule: string, valid: (value: number) => boolean) => {
    const value = Number(header.get(field));
    if (!header.has(field) || !valid(value)) {
      throw new InstanceFormatError(
        file,
        `${field} must be ${rule}, got '${header.get(field) ?? ''}'`,
      );
    }
    return value;
  };
  const dimension = headerValue(
    'DIMENSION',
    'an integer ≥ 2',
    (n) => Number.isInteger(n) && n >= 2,
  );
  const vehicles = headerValue(
    'VEHICLES',
    'a positive integer',
    (n) => Number.isInteger(n) && n > 0,
  );
  const capacity = headerValue('CAPACITY', 'positive', (n) => n > 0);
  const maxDistance = header.has('DISTANCE')
    ? headerValue('DISTANCE', '0 or more', (n) => n >= 0)
    : 0;

  const weights = sections.get('EDGE_WEIGHT_SECTION')?.flat();
  if (weights?.length !== dimension * dimension) {
    throw new InstanceFormatError(
      file,
      `EDGE_WEIGHT_SECTION must hold DIMENSION² = ${dimension * dimension} numbers, got ${weights?.length ?? 0}`,
    );
  }
  if (weights.some((weight) => weight < 0)) {
    throw new InstanceFormatError(file, 'EDGE_WEIGHT_SECTION: weights must not be negative');
  }
  const distance = Array.from({ length: dimension }, (_, from) =>
    weights.slice(from * dimension, (from + 1) * dimension),
  );

  const nodes: number[][] = [];
  const rows = sections.get('PICKUP_AND_DELIVERY_SECTION') ?? [];
  for (const row of rows) {
    const [id, , , , service, pickup, delivery] = row;
    if (row.length !== 7) {
      throw new InstanceFormatError(
        file,
        `PICKUP_AND_DELIVERY_SECTION: rows are 'id demand earliest latest service pickup delivery', got '${row.join(' ')}'`,
      );
    }
    if (!Number.isInteger(id) || id < 1 || id > dimension || nodes[id - 1]) {
      throw new InstanceFormatError(
        file,
        `PICKUP_AND_DELIVERY_SECTION: node ${id} is outside 1..${dimension} or repeated`,
      );
    }
    if (service < 0 || pickup < 0 || delivery < 0) {
      throw new InstanceFormatError(
        file,
        `PICKUP_AND_DELIVERY_SECTION: node ${id} has a negative amount or service time`,
      );
    }
    nodes[id - 1] = row;
  }
  if (rows.length !== dimension) {
    throw new InstanceFormatError(
      file,
      `PICKUP_AND_DELIVERY_SECTION must give every node 1..${dimension}`,
    );
  }

  const depotIds = (sections.get('DEPOT_SECTION') ?? []).flat().filter((id) => id !== -1);
  if (depotIds.length !== 1 || !(depotIds[0] >= 1 && depotIds[0] <= dimension)) {
    throw new InstanceFormatError(file, `DEPOT_SECTION must name one depot in 1..${dimension}`);
  }
  const depot = depotIds[0] - 1;
  const customers = nodes.map((_, location) => location).filter((location) => location !== depot);

  return {
    name: header.get('NAME') ?? file,
    problem: {
      distance,
      depots: [{ location: depot }],
      vehicleTypes: [
        {
          depot: 0,
          count: vehicles,
          capacity: [capacity],
          ...(maxDistance > 0 ? { maxDuration: maxDistance } : {}),
        },
      ],
      customers: customers.map((location) => {
        const [, , , , service, pickup, delivery] = nodes[location];
        return {
          location,
          delivery: [delivery],
          pickup: [pickup],
          ...(service > 0 ? { serviceTime: service } : {}),
        };
      }),
    },
    customerNumbers: customers.map((_, index) => index + 1),
  };
}
