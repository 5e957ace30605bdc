import { readFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { EventStore, RecordedEvent } from '@oxyledger/event-store';
import type { Projection } from '@oxyledger/read-models';
import type { EntityManager } from 'typeorm';

/**
 * Where a rebuild's time goes, measured from outside the library (nothing under libs/ changes):
 * the store and the projection handed to `rebuildProjection` are thin wrappers that time the
 * subscription's batches and each SQL statement the projection runs. A few clock reads per batch
 * and per statement: nothing next to the work measured.
 */
export interface RebuildTimings {
  batches: number;
  events: number;
  /** Between batches: the subscription reading the next page (query, rows, JSON parsing). */
  readMs: number;
  /** The runner's transaction per batch: BEGIN, search_path, apply, checkpoint, COMMIT. */
  batchMs: number;
  /** Each batch's transaction, in order. */
  batchDurationsMs: number[];
  /** `projection.apply` inside it. */
  applyMs: number;
  /** The statements `apply` ran, by statement (verb and table), inside `applyMs`. */
  sqlMs: Record<string, number>;
  /** Garbage collection pauses of this process over the whole rebuild. */
  gcMs: number;
}

export interface Instrumented {
  store: EventStore;
  projection: Projection;
  timings: RebuildTimings;
  /** Stops the GC observer; call when done. */
  stop(): void;
}

export function instrument(store: EventStore, projection: Projection): Instrumented {
  const timings: RebuildTimings = {
    batches: 0,
    events: 0,
    readMs: 0,
    batchMs: 0,
    batchDurationsMs: [],
    applyMs: 0,
    sqlMs: {},
    gcMs: 0,
  };
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) timings.gcMs += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });

  const timedStore = new Proxy(store, {
    get(target, property) {
      if (property !== 'subscribeToAll') {
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (options: Parameters<EventStore['subscribeToAll']>[0]) => {
        let lastBatchEnd = performance.now();
        return target.subscribeToAll({
          ...options,
          handle: async (events: RecordedEvent[]) => {
            const start = performance.now();
            timings.readMs += start - lastBatchEnd;
            try {
              await options.handle(events);
            } finally {
              lastBatchEnd = performance.now();
              timings.batchMs += lastBatchEnd - start;
              timings.batchDurationsMs.push(lastBatchEnd - start);
              timings.batches++;
              timings.events += events.length;
            }
          },
        });
      };
    },
  });

  const timed = (inner: Projection): Projection => ({
    name: inner.name,
    filter: inner.filter,
    tables: inner.tables,
    async apply(events, transaction) {
      const start = performance.now();
      try {
        await inner.apply(events, timedQueries(transaction, timings.sqlMs));
      } finally {
        timings.applyMs += performance.now() - start;
      }
    },
  });
  const timedProjection: Projection = {
    ...timed(projection),
    // the rebuild's session (rows held in memory, written at flush) is timed the same way
    forRebuild: projection.forRebuild
      ? () => {
          const session = projection.forRebuild!();
          return {
            ...timed(session),
            async flush(transaction) {
              const start = performance.now();
              try {
                await session.flush(timedQueries(transaction, timings.sqlMs));
              } finally {
                timings.applyMs += performance.now() - start;
              }
            },
          };
        }
      : undefined,
  };

  return {
    store: timedStore,
    projection: timedProjection,
    timings,
    stop: () => gc.disconnect(),
  };
}

function timedQueries(transaction: EntityManager, sqlMs: Record<string, number>): EntityManager {
  return new Proxy(transaction, {
    get(target, property) {
      if (property !== 'query') return Reflect.get(target, property, target) as unknown;
      return async (sql: string, parameters?: unknown[]) => {
        const start = performance.now();
        try {
          return await target.query(sql, parameters);
        } finally {
          const label = statementLabel(sql);
          sqlMs[label] = (sqlMs[label] ?? 0) + performance.now() - start;
        }
      };
    },
  });
}

/** `INSERT cylinder_states`, `SELECT cylinder_states`, `DELETE stock`… */
function statementLabel(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';
  const table = /\b(?:FROM|INTO|UPDATE)\s+([\w."]+)/i.exec(sql)?.[1] ?? '?';
  return `${verb} ${table}`;
}

/** Busy and total CPU time of the whole machine (all processes), from /proc/stat; Linux only. */
export function machineCpuSeconds(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
    const ticks = fields.map(Number);
    const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
    const idle = ticks[3] + ticks[4];
    // USER_HZ is 100 on every Linux the bench runs on.
    return { busy: (total - idle) / 100, total: total / 100 };
  } catch {
    return undefined;
  }
}
