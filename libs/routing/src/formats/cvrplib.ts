/**
 * CVRPLIB (TSPLIB-style) instances: `NAME`, `DIMENSION`, `CAPACITY`, `EDGE_WEIGHT_TYPE : EUC_2D`,
 * then `NODE_COORD_SECTION`, `DEMAND_SECTION`, `DEPOT_SECTION`. Nodes are numbered from 1 in the
 * file; here they are 0-based, in file order.
 */
export interface CvrpInstance {
  name: string;
  capacity: number;
  /** Node index of the depot (0-based). */
  depot: number;
  coordinates: { x: number; y: number }[];
  demands: number[];
  edgeWeightType: 'EUC_2D';
}

export class InstanceFormatError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
  }
}

export function parseCvrplib(text: string, file = 'instance'): CvrpInstance {
  const header = new Map<string, string>();
  const sections = new Map<string, string[][]>();
  let section: string[][] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line === 'EOF') continue;
    const keyValue = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (keyValue) {
      header.set(keyValue[1], keyValue[2].trim());
      section = undefined;
    } else if (/^[A-Z_]+_SECTION$/.test(line)) {
      section = [];
      sections.set(line, section);
    } else if (section) {
      section.push(line.split(/\s+/));
    } else {
      throw new InstanceFormatError(file, `unexpected line '${line}'`);
    }
  }
  const dimension = positiveInteger(header.get('DIMENSION'), 'DIMENSION', file);
  const capacity = positiveInteger(header.get('CAPACITY'), 'CAPACITY', file);
  const edgeWeightType = header.get('EDGE_WEIGHT_TYPE');
  if (edgeWeightType !== 'EUC_2D') {
    throw new InstanceFormatError(
      file,
      `EDGE_WEIGHT_TYPE ${edgeWeightType ?? '(none)'} is not supported (EUC_2D is)`,
    );
  }
  const coordinates = indexed(
    sections.get('NODE_COORD_SECTION'),
    dimension,
    'NODE_COORD_SECTION',
    file,
  ).map(([x, y]) => ({ x, y }));
  const demands = indexed(sections.get('DEMAND_SECTION'), dimension, 'DEMAND_SECTION', file).map(
    ([d]) => d,
  );
  const depots = (sections.get('DEPOT_SECTION') ?? [])
    .flat()
    .map(Number)
    .filter((n) => n > 0);
  if (depots.length !== 1) throw new InstanceFormatError(file, 'DEPOT_SECTION must name one depot');
  return {
    name: header.get('NAME') ?? file,
    capacity,
    depot: depots[0] - 1,
    coordinates,
    demands,
    edgeWeightType,
  };
}

/** Rows `<node> <values…>` for nodes 1..dimension, returned as values in node order. */
function indexed(
  rows: string[][] | undefined,
  dimension: number,
  name: string,
  file: string,
): number[][] {
  if (!rows) throw new InstanceFormatError(file, `${name} is missing`);
  const values: number[][] = [];
  for (const [node, ...rest] of rows) {
    const index = Number(node) - 1;
    if (!Number.isInteger(index) || index < 0 || index >= dimension) {
      throw new InstanceFormatError(file, `${name}: node ${node} is outside 1..${dimension}`);
    }
    values[index] = rest.map(Number);
  }
  if (values.length !== dimension || values.some((v) => v === undefined || v.some(Number.isNaN))) {
    throw new InstanceFormatError(file, `${name} must give every node 1..${dimension}`);
  }
  return values;
}

function positiveInteger(value: string | undefined, field: string, file: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new InstanceFormatError(
      file,
      `${field} must be a positive integer, got '${value ?? ''}'`,
    );
  }
  return parsed;
}
