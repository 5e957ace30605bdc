import { performance } from 'node:perf_hooks';
import type { Position } from '@oxyledger/event-store/event-store.port';
import type { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import { cylinderFills } from './workload';

export interface SeedOptions {
  events: number;
  writers: number;
  /** Each append writes `streamsPerAppend` new streams of `eventsPerStream` events each. */
  streamsPerAppend: number;
  eventsPerStream: number;
  onProgress?: (written: number, seconds: number) => void;
}

/** Writes `events` events fast, through the store's own multi-stream append. */
export async function seed(store: PostgresEventStore, options: SeedOptions): Promise<number> {
  const perAppend = options.streamsPerAppend * options.eventsPerStream;
  const appends = Math.ceil(options.events / perAppend);
  const start = performance.now();
  let next = 0;
  let written = 0;
  let reported = 0;
  const writer = async () => {
    while (next < appends) {
      const append = next++;
      const remaining = options.events - append * perAppend;
      const streams = Math.min(
        options.streamsPerAppend,
        Math.ceil(remaining / options.eventsPerStream),
      );
      const requests = Array.from({ length: streams }, (_, i) => ({
        streamName: `cylinder-seed-${append}-${i}`,
        events: cylinderFills(
          Math.min(options.eventsPerStream, remaining - i * options.eventsPerStream),
        ),
        expectedRevision: 'no_stream' as const,
      }));
      await store.appendToStreams(requests);
      written += requests.reduce((sum, request) => sum + request.events.length, 0);
      if (written - reported >= 100_000 || written === options.events) {
        reported = written;
        options.onProgress?.(written, (performance.now() - start) / 1000);
      }
    }
  };
  await Promise.all(Array.from({ length: options.writers }, writer));
  return (performance.now() - start) / 1000;
}

export interface ReadAllResult {
  events: number;
  pages: number;
  seconds: number;
  eventsPerSec: number;
  /** CPU time of this (Node) process while reading, GC threads included. */
  clientCpuSeconds: number;
}

/**
 * Reads the log forwards from the start in pages of `pageSize`, each page after the last
 * event's position, until `events` events are read or the log ends. Checks the order.
 */
export async function timeReadAll(
  store: PostgresEventStore,
  options: { events: number; pageSize: number },
): Promise<ReadAllResult> {
  let after: Position | 'start' = 'start';
  let read = 0;
  let pages = 0;
  const start = performance.now();
  const cpuAtStart = process.cpuUsage();
  while (read < options.events) {
    const page = await store.readAll({
      after,
      maxCount: Math.min(options.pageSize, options.events - read),
    });
    if (page.length === 0) break;
    const first = page[0].position;
    if (after !== 'start' && store.comparePositions(first, after) <= 0) {
      throw new Error(`readAll went backwards: ${first} after ${after}`);
    }
    after = page[page.length - 1].position;
    read += page.length;
    pages++;
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    events: read,
    pages,
    seconds,
    eventsPerSec: read / seconds,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}
