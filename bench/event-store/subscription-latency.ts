import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import { cylinderFilled } from './workload';

export interface LatencyOptions {
  samples: number;
  /** One append every this many ms (the next waits for the previous delivery). */
  intervalMs: number;
  /** Appended and delivered first, not counted: lets the subscription go live. */
  warmupSamples: number;
  /** A sample not delivered within this is counted as this long (and reported as missed). */
  timeoutMs: number;
  streamName: string;
}

export interface LatencyResult {
  latenciesMs: number[];
  missed: number;
}

/**
 * At rest: one writer appends one event every `intervalMs` to one stream; a subscriber started
 * at the end of the log records, for each event, the time from just before `appendToStream` to
 * the call of its handler. `subscriber` may be the writer's store (in-process wake-up) or another
 * instance (woken by NOTIFY over its LISTEN connection).
 */
export async function measureSubscriptionLatency(
  writer: PostgresEventStore,
  subscriber: PostgresEventStore,
  options: LatencyOptions,
): Promise<LatencyResult> {
  const sentAt = new Map<string, number>();
  const delivered = new Map<string, () => void>();
  const latenciesMs: number[] = [];

  // The end of the log: the position of a marker event appended before subscribing.
  const marker = await writer.appendToStream(options.streamName, [cylinderFilled()], 'no_stream');
  let revision = marker.streams[0].nextExpectedRevision;
  const subscription = subscriber.subscribeToAll({
    after: marker.position,
    batchSize: 500,
    handle: async (events) => {
      const now = performance.now();
      for (const event of events) {
        const sent = sentAt.get(event.id);
        if (sent === undefined) continue;
        sentAt.delete(event.id);
        latenciesMs.push(now - sent);
        delivered.get(event.id)?.();
      }
    },
  });

  let missed = 0;
  try {
    for (let i = 0; i < options.warmupSamples + options.samples; i++) {
      const started = performance.now();
      const event = cylinderFilled();
      const arrived = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), options.timeoutMs);
        delivered.set(event.id, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      sentAt.set(event.id, performance.now());
      const result = await writer.appendToStream(options.streamName, [event], revision);
      revision = result.streams[0].nextExpectedRevision;
      const inTime = await arrived;
      delivered.delete(event.id);
      if (i < options.warmupSamples) {
        latenciesMs.length = 0;
      } else if (!inTime) {
        missed++;
        sentAt.delete(event.id);
        latenciesMs.push(options.timeoutMs);
      }
      const rest = options.intervalMs - (performance.now() - started);
      if (rest > 0) await sleep(rest);
    }
  } finally {
    await subscription.stop();
  }
  return { latenciesMs, missed };
}
