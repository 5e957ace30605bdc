import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { RoutingProblem } from '../problem/routing-problem';
import { parseCordeau } from './cordeau';
import { type CvrpInstance, InstanceFormatError, parseCvrplib } from './cvrplib';
import { parseSolomon } from './solomon';
import { parseVrpspd } from './vrpspd';

/** The benchmark sets of `shared/bench/cvrplib` (see its README.md). */
export type BenchmarkSet = 'A' | 'P' | 'X' | 'X-large' | 'Solomon' | 'Cordeau' | 'Dethloff';

export interface BenchmarkInstance {
  name: string;
  problem: RoutingProblem;
  /** Number of each of `problem.customers` in the instance file's own numbering, as `.sol` prints it. */
  customerNumbers: number[];
  /** What a solution's cost is divided by to compare with `bks.csv`. */
  costScale: number;
}

const SETS: Record<BenchmarkSet, { folder: string; extension: string }> = {
  A: { folder: 'A', extension: '.vrp' },
  P: { folder: 'P', extension: '.vrp' },
  X: { folder: 'X', extension: '.vrp' },
  'X-large': { folder: 'X-large', extension: '.vrp' },
  Solomon: { folder: 'Solomon', extension: '.txt' },
  Cordeau: { folder: 'MDVRP-Cordeau', extension: '.txt' },
  Dethloff: { folder: 'VRPSPD-Dethloff', extension: '.vrpspd' },
};

/** LKH-3's `.vrpspd` files hold Dethloff's distances × 10⁴, rounded to integers. */
const VRPSPD_COST_SCALE = 10_000;

/** Reads a CVRPLIB `.vrp`, LKH-3 `.vrpspd`, Solomon or Cordeau `.txt` instance. */
export function readBenchmarkInstance(file: string): BenchmarkInstance {
  const text = readFileSync(file, 'utf8');
  const name = basename(file, extname(file));
  switch (extname(file).toLowerCase()) {
    case '.vrp':
      return { name, ...fromCvrplib(parseCvrplib(text, file)), costScale: 1 };
    case '.vrpspd':
      return { ...parseVrpspd(text, file), name, costScale: VRPSPD_COST_SCALE };
    case '.txt': {
      const isSolomon = /^\s*VEHICLE\s*$/im.test(text);
      const parsed = isSolomon ? parseSolomon(text, file) : parseCordeau(text, file);
      return { ...parsed, name, costScale: 1 };
    }
    default:
      throw new InstanceFormatError(file, 'unknown format: expected .vrp, .vrpspd or .txt');
  }
}

/** The instance files of a set, full paths, in natural order (A-n32-k5 before A-n101-k8). */
export function benchmarkFiles(root: string, set: BenchmarkSet): string[] {
  const { folder, extension } = SETS[set];
  return readdirSync(join(root, folder))
    .filter((file) => extname(file).toLowerCase() === extension)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((file) => join(root, folder, file));
}

/** `bks.csv`: instance name → best-known solution value. */
export function readBestKnown(root: string): Map<string, number> {
  const file = join(root, 'bks.csv');
  const [columns, ...rows] = csvRows(readFileSync(file, 'utf8'));
  const nameAt = columns?.indexOf('name') ?? -1;
  const bksAt = columns?.indexOf('bks') ?? -1;
  if (nameAt < 0 || bksAt < 0)
    throw new InstanceFormatError(file, "needs 'name' and 'bks' columns");
  const best = new Map<string, number>();
  for (const row of rows) {
    const value = Number(row[bksAt]);
    if (row[nameAt] === undefined || row[bksAt] === '' || !Number.isFinite(value)) {
      throw new InstanceFormatError(file, `bks of '${row[nameAt] ?? ''}' is not a number`);
    }
    best.set(row[nameAt], value);
  }
  return best;
}

/** CVRPLIB with TSPLIB's EUC_2D distances and an unlimited fleet (a vehicle per customer). */
function fromCvrplib(instance: CvrpInstance): Omit<BenchmarkInstance, 'name' | 'costScale'> {
  const points = instance.coordinates;
  const nodes = points.map((_, node) => node).filter((node) => node !== instance.depot);
  return {
    problem: {
      distance: points.map((a) => points.map((b) => Math.round(Math.hypot(a.x - b.x, a.y - b.y)))),
      coordinates: points,
      depots: [{ location: instance.depot }],
      vehicleTypes: [{ depot: 0, count: nodes.length, capacity: [instance.capacity] }],
      customers: nodes.map((location) => ({
        location,
        delivery: [instance.demands[location]],
        pickup: [0],
      })),
    },
    customerNumbers: nodes.map((_, index) => index + 1),
  };
}

/** RFC 4180 rows: quoted fields may hold commas, newlines and doubled quotes. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  row.push(field);
  if (row.some((value) => value !== '')) rows.push(row);
  return rows;
}
