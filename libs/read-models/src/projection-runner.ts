import type { EventStore, Position, RecordedEvent, Subscription } from '@oxyledger/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import type { Projection } from './projection';

/** Another runner applied events of this projection meanwhile: this one must stop. */
export class CheckpointMovedError extends Error {
  constructor(projection: string) {
    super(`The checkpoint of projection '${projection}' was moved by another runner`);
  }
}

/**
 * Feeds one projection from the ledger: catch-up from its stored checkpoint, then live. Each
 * batch and the checkpoint move commit together; the update of the checkpoint is conditional on
 * the position this runner read, so two runners can never both apply the same events.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private checkpoint: Position | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly projection: Projection,
    private readonly options: { batchSize?: number; onError?: (error: unknown) => void } = {},
  ) {}

  async start(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO app.projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
      [this.projection.name],
    );
    this.checkpoint = await readCheckpoint(this.dataSource.manager, this.projection.name);
    this.subscription = this.store.subscribeToAll({
      after: this.checkpoint ?? 'start',
      filter: this.projection.filter,
      batchSize: this.options.batchSize ?? 500,
      handle: (events) => this.applyBatch(events),
      onError: this.options.onError,
    });
  }

  /** Resolves once the projection has applied everything up to `position`. */
  async caughtUpTo(position: Position, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.checkpoint || this.store.comparePositions(this.checkpoint, position) < 0) {
      if (Date.now() > deadline) {
        throw new Error(`Projection '${this.projection.name}' did not reach ${position}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }

  private async applyBatch(events: RecordedEvent[]): Promise<void> {
    const next = events[events.length - 1].position;
    await this.dataSource.transaction(async (transaction) => {
      await this.projection.apply(events, transaction);
      const [, moved] = (await transaction.query(
        `UPDATE app.projection_checkpoints SET position = $2, updated_at = now()
         WHERE name = $1 AND position IS NOT DISTINCT FROM $3`,
        [this.projection.name, next, this.checkpoint],
      )) as [unknown, number];
      if (moved !== 1) throw new CheckpointMovedError(this.projection.name);
    });
    this.checkpoint = next;
  }
}

async function readCheckpoint(manager: EntityManager, name: string): Promise<Position | null> {
  const [row] = (await manager.query(
    'SELECT position FROM app.projection_checkpoints WHERE name = $1',
    [name],
  )) as { position: string | null }[];
  return (row?.position ?? null) as Position | null;
}
