import type { AllFilter, EventStore, Position, RecordedEvent } from '@oxyledger/event-store';
import type { DataSource } from 'typeorm';

/** A read model waited for: its checkpoint's name, and what it follows of the ledger. */
export interface FollowedProjection {
  name: string;
  filter?: AllFilter;
}

export interface ProjectionsReachedOptions {
  /** Past this, a wait gives up: `throws` it, or returns (the caller goes on regardless). */
  timeoutMs: number;
  onTimeout: 'throw' | 'return';
  pollMs?: number;
  /** Aborted (shutdown): the wait ends with the signal's reason thrown. */
  signal?: AbortSignal;
}

/** Whether a projection with this filter is fed `event` (so its checkpoint ever reaches it). */
export function follows(filter: AllFilter | undefined, event: RecordedEvent): boolean {
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return (
    !filter?.streamPrefixes?.length ||
    filter.streamPrefixes.some((prefix) => event.streamName.startsWith(prefix))
  );
}

/**
 * Waits until each of `projections` has applied the last of `events` it follows. A projection
 * is handed only the events its filter lets through, and its checkpoint moves to the last of
 * them, never to a position it was not handed: so the wait is for that event, not the batch's
 * last.
 */
export async function projectionsReached(
  store: EventStore,
  dataSource: DataSource,
  projections: readonly FollowedProjection[],
  events: readonly RecordedEvent[],
  options: ProjectionsReachedOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (const projection of projections) {
    const target = events.findLast((event) => follows(projection.filter, event))?.position;
    if (!target) continue;
    for (;;) {
      const [row] = (await dataSource.query(
        'SELECT position FROM app.projection_checkpoints WHERE name = $1',
        [projection.name],
      )) as { position: Position | null }[];
      if (row?.position && store.comparePositions(row.position, target) >= 0) break;
      options.signal?.throwIfAborted();
      if (Date.now() > deadline) {
        if (options.onTimeout === 'return') return;
        throw new Error(`Projection '${projection.name}' did not reach ${target}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 20));
    }
  }
}
