import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppendRequest, Position } from '@oxyledger/event-store';
import type { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import type { Client } from 'pg';
import {
  type CylinderFleet,
  type FleetGroup,
  isCylinderStream,
  OPERATIONS_PER_CYCLE,
  toAppendRequests,
} from './fleet';

export interface LiveLagOptions {
  /** Checkpoint row watched: the projection running in the projector process. */
  projection: string;
  eventsPerSec: number;
  warmupMs: number;
  durationMs: number;
  /** Cylinder streams (one event each) per append. */
  streamsPerAppend: number;
  /** Pause between two reads of the checkpoint while an append waits to be seen. */
  pollIntervalMs: number;
  /** An append not seen within this is counted as this long (and reported as missed). */
  timeoutMs: number;
  /** Pause between two looks at the other databases' write transactions. */
  otherWritersPollMs: number;
}

export interface LiveLagResult {
  /** Appends sampled (cylinder events only), after the warm-up. */
  samples: number;
  missed: number;
  /** Just before `appendToStreams` → the projection's checkpoint seen at or past the append. */
  lagMs: number[];
  /** The same, from the append's return. */
  lagSinceAppendReturnMs: number[];
  appendMs: number[];
  /**
   * Lag of the samples during whose wait no other database on the server had a write
   * transaction open that began before the append returned: such a transaction holds back every
   * subscriber of the server (see `readAllPage`), whatever the projector does.
   */
  lagUndisturbedMs: number[];
  /** Longest write transaction of another database seen meanwhile. */
  otherWritersLongestMs: number;
  /** Everything appended after the warm-up, trip events included. */
  events: number;
  appends: number;
  seconds: number;
  checkpointReads: number;
}

interface Pending {
  position: Position;
  sentAt: number;
  returnedAt: number;
  counted: boolean;
}

interface LiveAppend {
  requests: AppendRequest[];
  /** Only appends of cylinder streams alone are timed: see below. */
  sampled: boolean;
}

/**
 * One writer appends the fleet's next operations at a steady `eventsPerSec` (each append waits
 * for its slot, so the rate holds whatever the append latency), while a watcher on its own
 * connection reads the projection's checkpoint row every `pollIntervalMs` for as long as an
 * append is waiting to be seen, and times each append from just before `appendToStreams` until
 * the checkpoint is at or past the position it returned (compared with `comparePositions`). The
 * checkpoint moves in the projector's transaction, so when it is seen the read model is too.
 *
 * A trip's events go in appends of their own and are not timed: the cylinders projection skips
 * them, so its checkpoint stops at the last cylinder event and would never reach the position
 * of an append that ends with a trip event.
 */
export async function measureLiveLag(
  store: PostgresEventStore,
  readers: { checkpoint: Client; otherWriters: Client },
  fleet: CylinderFleet,
  options: LiveLagOptions,
): Promise<LiveLagResult> {
  const result: LiveLagResult = {
    samples: 0,
    missed: 0,
    lagMs: [],
    lagSinceAppendReturnMs: [],
    appendMs: [],
    lagUndisturbedMs: [],
    otherWritersLongestMs: 0,
    events: 0,
    appends: 0,
    seconds: options.durationMs / 1000,
    checkpointReads: 0,
  };
  const pending: Pending[] = [];
  const seen: (Pending & { seenAt: number })[] = [];
  /** When another database's oldest write transaction began, as seen at `at`. */
  const otherWriters: { at: number; since: number }[] = [];
  let writing = true;
  let wakeWatcher: (() => void) | undefined;

  const watcher = async () => {
    while (writing || pending.length > 0) {
      if (pending.length === 0) {
        await new Promise<void>((resolve) => (wakeWatcher = resolve));
        continue;
      }
      const { rows } = await readers.checkpoint.query<{ position: Position | null }>(
        'SELECT position FROM app.projection_checkpoints WHERE name = $1',
        [options.projection],
      );
      const seenAt = performance.now();
      result.checkpointReads++;
      const checkpoint = rows[0]?.position;
      while (pending.length > 0) {
        const next = pending[0];
        const visible = checkpoint && store.comparePositions(next.position, checkpoint) <= 0;
        const late = seenAt - next.sentAt > options.timeoutMs;
        if (!visible && !late) break;
        pending.shift();
        if (!next.counted) continue;
        result.samples++;
        if (visible) {
          seen.push({ ...next, seenAt });
          result.lagMs.push(seenAt - next.sentAt);
          result.lagSinceAppendReturnMs.push(seenAt - next.returnedAt);
        } else {
          result.missed++;
          result.lagMs.push(options.timeoutMs);
          result.lagSinceAppendReturnMs.push(options.timeoutMs);
        }
      }
      await sleep(options.pollIntervalMs);
    }
  };

  const writer = async () => {
    const appends = liveAppends(fleet, options.streamsPerAppend);
    const start = performance.now();
    const measureFrom = start + options.warmupMs;
    const end = measureFrom + options.durationMs;
    let due = start;
    while (due < end) {
      const { requests, sampled } = appends.next().value;
      const events = requests.reduce((sum, request) => sum + request.events.length, 0);
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const sentAt = performance.now();
      const { position } = await store.appendToStreams(requests);
      const returnedAt = performance.now();
      due += (events / options.eventsPerSec) * 1000;
      const counted = sentAt >= measureFrom;
      if (counted) {
        result.events += events;
        result.appends++;
        result.appendMs.push(returnedAt - sentAt);
      }
      if (sampled) {
        pending.push({ position, sentAt, returnedAt, counted });
        wakeWatcher?.();
      }
    }
  };

  const otherWritersMonitor = async () => {
    while (writing) {
      const { rows } = await readers.otherWriters.query<{ age: number | null }>(
        `SELECT extract(epoch FROM clock_timestamp() - min(xact_start)) * 1000 AS age
         FROM pg_stat_activity
         WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database()`,
      );
      const at = performance.now();
      const age = rows[0]?.age;
      if (age !== null && age !== undefined) {
        otherWriters.push({ at, since: at - age });
        result.otherWritersLongestMs = Math.max(result.otherWritersLongestMs, age);
      }
      await sleep(options.otherWritersPollMs);
    }
  };

  const watching = Promise.all([watcher(), otherWritersMonitor()]);
  try {
    await writer();
  } finally {
    writing = false;
    wakeWatcher?.();
  }
  await watching;
  for (const sample of seen) {
    const heldBack = otherWriters.some(
      ({ at, since }) =>
        at >= sample.returnedAt && at <= sample.seenAt && since <= sample.returnedAt,
    );
    if (!heldBack) result.lagUndisturbedMs.push(sample.seenAt - sample.sentAt);
  }
  return result;
}

/**
 * The fleet's next operations, cut into appends (see measureLiveLag). Groups go through one cycle
 * each, staggered: a group joins every round and each group present does its next operation,
 * so once 7 are under way every operation of the cycle (fill, dispatch, deliver, …) runs in
 * every round, as on a real day. The seed left every group at the start of a cycle.
 */
function* liveAppends(
  fleet: CylinderFleet,
  streamsPerAppend: number,
): Generator<LiveAppend, never> {
  let active: { group: FleetGroup; remaining: number }[] = [];
  for (let joined = 0; ; joined++) {
    active.push({
      group: fleet.groups[joined % fleet.groups.length],
      remaining: OPERATIONS_PER_CYCLE,
    });
    for (const member of active) {
      member.remaining--;
      const requests = toAppendRequests(fleet.next(member.group));
      const trips = requests.filter((request) => !isCylinderStream(request.streamName));
      if (trips.length > 0) yield { requests: trips, sampled: false };
      const cylinders = requests.filter((request) => isCylinderStream(request.streamName));
      for (let i = 0; i < cylinders.length; i += streamsPerAppend) {
        yield { requests: cylinders.slice(i, i + streamsPerAppend), sampled: true };
      }
    }
    active = active.filter((member) => member.remaining > 0);
  }
}
