import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** One event as the ledger would write it; each adapter maps it to its store's shape. */
export interface BenchEvent {
  id: string;
  type: string;
  data: CylinderFilled;
  metadata: FillMetadata;
}

// Type aliases rather than interfaces, so they are plain records to Emmett's types too.
export type FillMetadata = {
  occurredAt: string;
  correlationId: string;
  causationId: string;
  actor: { userId: string; role: string; facilityId: string };
};

export type CylinderFilled = {
  serial: string;
  lot: string;
  gas: 'O2';
  sizeCode: string;
  purityPercent: number;
  pressureBar: number;
  temperatureC: number;
  fillStation: string;
  operator: { id: string; name: string };
  facilityId: string;
  filledAt: string;
  checks: { valve: 'pass'; leak: 'pass'; label: 'pass' };
};

/**
 * The same append workload for every store. `expected` is whatever the previous append to the
 * stream returned (undefined for a stream's first append): each adapter turns it into its own
 * expected-version check, as an aggregate would.
 */
export interface AppendTarget {
  readonly name: string;
  append(streamName: string, events: BenchEvent[], expected: unknown): Promise<unknown>;
  close(): Promise<void>;
}

const OPERATORS = ['Amina Diallo', 'Jonas Berg', 'Priya Nair', 'Tomás Ruiz', 'Mei Chen'];
const SIZES = ['D', 'E', 'F', 'M6', 'ML6'];

let sequence = 0;

/** A realistic cylinder fill: ~330 bytes of data JSON and ~230 bytes of metadata JSON. */
export function cylinderFilled(): BenchEvent {
  const n = sequence++;
  const facilityId = `facility-${(n % 17) + 1}`;
  const operatorIndex = n % OPERATORS.length;
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    type: 'CylinderFilled',
    data: {
      serial: `OXY-${String(100000 + (n % 900000)).padStart(6, '0')}`,
      lot: `L${2400 + (n % 12)}-${String(n % 997).padStart(3, '0')}`,
      gas: 'O2',
      sizeCode: SIZES[n % SIZES.length],
      purityPercent: 99.5 + (n % 50) / 100,
      pressureBar: 195 + (n % 100) / 10,
      temperatureC: 18 + (n % 80) / 10,
      fillStation: `FS-${String((n % 8) + 1).padStart(2, '0')}`,
      operator: { id: `op-${operatorIndex + 1}`, name: OPERATORS[operatorIndex] },
      facilityId,
      filledAt: now,
      checks: { valve: 'pass', leak: 'pass', label: 'pass' },
    },
    metadata: {
      occurredAt: now,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { userId: `user-${operatorIndex + 1}`, role: 'filler', facilityId },
    },
  };
}

export function cylinderFills(count: number): BenchEvent[] {
  return Array.from({ length: count }, cylinderFilled);
}

export interface AppendWorkload {
  writers: number;
  eventsPerAppend: number;
  warmupMs: number;
  durationMs: number;
  /** A writer starts a new stream after this many appends. */
  appendsPerStream: number;
  /** Unique per run, so streams never collide across rows and targets. */
  streamPrefix: string;
}

export interface AppendWorkloadResult {
  appends: number;
  events: number;
  seconds: number;
  /** Latency of each append counted, in ms. */
  latenciesMs: number[];
}

/**
 * Every writer appends to its own streams, back to back, for warm-up + duration. Only appends
 * that complete inside the measured window count.
 */
export async function runAppendWorkload(
  target: AppendTarget,
  workload: AppendWorkload,
): Promise<AppendWorkloadResult> {
  const start = performance.now();
  const measureFrom = start + workload.warmupMs;
  const end = measureFrom + workload.durationMs;
  const latenciesMs: number[] = [];

  const writer = async (writerIndex: number) => {
    let streamCount = 0;
    let streamName = '';
    let expected: unknown;
    let appendsInStream = workload.appendsPerStream;
    while (performance.now() < end) {
      if (appendsInStream === workload.appendsPerStream) {
        streamName = `cylinder-${workload.streamPrefix}w${writerIndex}s${streamCount++}`;
        expected = undefined;
        appendsInStream = 0;
      }
      const events = cylinderFills(workload.eventsPerAppend);
      const sent = performance.now();
      expected = await target.append(streamName, events, expected);
      const done = performance.now();
      appendsInStream++;
      if (done >= measureFrom && done <= end) latenciesMs.push(done - sent);
    }
  };

  await Promise.all(Array.from({ length: workload.writers }, (_, i) => writer(i)));
  return {
    appends: latenciesMs.length,
    events: latenciesMs.length * workload.eventsPerAppend,
    seconds: workload.durationMs / 1000,
    latenciesMs,
  };
}
