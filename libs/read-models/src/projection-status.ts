import type { EventStore, Position } from '@oxyledger/event-store';
import type { DataSource } from 'typeorm';
import type { Projection } from './projection';
import { PROJECTION_LOCK_NAMESPACE } from './projection-worker';

/**
 * Pending events counted one by one up to this many; beyond, the lag is reported as "at least".
 * Readiness probes and metrics scrapes count every projection's lag each time: past a thousand
 * events the age of the oldest pending one (`lag.seconds`) says how far behind it is.
 */
export const LAG_COUNT_LIMIT = 1_000;

export interface ProjectionStatus {
  name: string;
  /** live: owned and caught up; catching-up: owned, events pending; stopped: no process owns it. */
  state: 'live' | 'catching-up' | 'stopped';
  checkpoint: Position | null;
  /** When the ledger recorded the last event applied. */
  lastEventRecordedAt: string | null;
  checkpointUpdatedAt: string | null;
  owner: string | null;
  lag: {
    events: number;
    /** True when there are more pending events than `events` says. */
    eventsAtLeast: boolean;
    /** Age of the oldest event not yet applied; 0 when caught up. */
    seconds: number;
  };
  lastError: { message: string; at: string } | null;
  /** Present while `projections:rebuild` runs for this projection. */
  rebuild: { checkpoint: Position | null; updatedAt: string } | null;
}

interface CheckpointRow {
  name: string;
  position: Position | null;
  updated_at: Date;
  last_event_at: Date | null;
  owner: string | null;
  last_error: string | null;
  last_error_at: Date | null;
  owned: boolean;
}

export async function projectionStatuses(
  store: EventStore,
  dataSource: DataSource,
  projections: readonly Projection[],
): Promise<ProjectionStatus[]> {
  const names = projections.flatMap((p) => [p.name, `${p.name}#rebuild`]);
  const rows = (await dataSource.query(
    `SELECT c.*, EXISTS (
        SELECT 1 FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
          AND l.classid::bigint = $2
          AND l.objid::bigint = (hashtext(c.name)::bigint + 4294967296) % 4294967296
      ) AS owned
     FROM app.projection_checkpoints c WHERE c.name = ANY($1)`,
    [names, PROJECTION_LOCK_NAMESPACE],
  )) as CheckpointRow[];
  return Promise.all(
    projections.map(async (projection) => {
      const row = rows.find((r) => r.name === projection.name);
      const rebuild = rows.find((r) => r.name === `${projection.name}#rebuild`);
      const pending = await store.countAll({
        after: row?.position ?? 'start',
        limit: LAG_COUNT_LIMIT + 1,
        filter: projection.filter,
      });
      const owned = row?.owned ?? false;
      const erred = row?.last_error_at && row.last_error_at >= row.updated_at;
      return {
        name: projection.name,
        state: !owned ? 'stopped' : pending.events === 0 ? 'live' : 'catching-up',
        checkpoint: row?.position ?? null,
        lastEventRecordedAt: row?.last_event_at?.toISOString() ?? null,
        checkpointUpdatedAt: row?.updated_at.toISOString() ?? null,
        owner: owned ? (row?.owner ?? null) : null,
        lag: {
          events: Math.min(pending.events, LAG_COUNT_LIMIT),
          eventsAtLeast: pending.events > LAG_COUNT_LIMIT,
          seconds: pending.oldestRecordedAt
            ? Math.max(0, (Date.now() - pending.oldestRecordedAt.getTime()) / 1000)
            : 0,
        },
        lastError:
          erred && row.last_error
            ? { message: row.last_error, at: row.last_error_at!.toISOString() }
            : null,
        rebuild: rebuild
          ? { checkpoint: rebuild.position, updatedAt: rebuild.updated_at.toISOString() }
          : null,
      } satisfies ProjectionStatus;
    }),
  );
}
