import type { EventStore, Position, RecordedEvent, Subscription } from '@oxyledger/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import type { Projection } from './projection';

/** Another runner applied events of this projection meanwhile: this one must stop. */
export class CheckpointMovedError extends Error {
  constructor(projection: string) {
    super(`The checkpoint of projection '${projection}' was moved by another runner`);
  }
}

export interface ProjectionRunnerOptions {
  /** Upper bound of events per transaction during catch-up. */
  batchSize?: number;
  /** Schema of the tables written; `app` unless rebuilding. */
  schema?: string;
  /** Row of `app.projection_checkpoints`; the projection's name unless rebuilding. */
  checkpointName?: string;
  /** Runs inside each batch's transaction, after the checkpoint moved, before the commit. */
  beforeCommit?: (events: RecordedEvent[]) => Promise<void>;
  /** After each batch committed (logs, metrics). */
  onApplied?: (events: RecordedEvent[]) => void;
}

/**
 * Feeds one projection from the ledger: catch-up from its stored checkpoint, then live. Each
 * batch and the checkpoint move commit together; the update of the checkpoint is conditional on
 * the position this runner read, so two runners can never both apply the same events.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private checkpoint: Position | null = null;
  private failure: unknown;
  /** Aborted by `stop()`, so a `beforeTransaction` waiting on something else stops waiting. */
  private readonly stopping = new AbortController();
  readonly checkpointName: string;
  readonly schema: string;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.checkpointName = options.checkpointName ?? projection.name;
    this.schema = options.schema ?? 'app';
  }

  /** Subscribes from the stored checkpoint; `stopped()` tells when and why it ends. */
  async start(): Promise<void> {
    this.checkpoint = await ensureCheckpoint(this.dataSource.manager, this.checkpointName);
    this.subscription = this.store.subscribeToAll({
      after: this.checkpoint ?? 'start',
      filter: this.projection.filter,
      batchSize: this.options.batchSize ?? 500,
      handle: (events) => this.applyBatch(events),
      onError: (error) => (this.failure = error),
    });
  }

  /** Resolves when the subscription ends: with the error that ended it, if any. */
  async stopped(): Promise<unknown> {
    await this.subscription?.done;
    return this.failure;
  }

  get position(): Position | null {
    return this.checkpoint;
  }

  /** Resolves once the projection has applied everything up to `position`. */
  async caughtUpTo(position: Position, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.checkpoint || this.store.comparePositions(this.checkpoint, position) < 0) {
      if (this.failure) throw this.failure;
      if (Date.now() > deadline) {
        throw new Error(`Projection '${this.projection.name}' did not reach ${position}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort(new Error(`Stopping: projection '${this.projection.name}' stopped`));
    await this.subscription?.stop();
  }

  private async applyBatch(events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1];
    await this.projection.beforeTransaction?.(events, this.stopping.signal);
    await this.dataSource.transaction(async (transaction) => {
      await transaction.query(`SET LOCAL search_path TO ${quoteIdentifier(this.schema)}`);
      await this.projection.apply(events, transaction);
      if (!(await moveCheckpoint(transaction, this.checkpointName, this.checkpoint, last))) {
        throw new CheckpointMovedError(this.projection.name);
      }
      await this.options.beforeCommit?.(events);
    });
    this.checkpoint = last.position;
    this.options.onApplied?.(events);
  }
}

/**
 * Moves a checkpoint to `to` inside the caller's transaction, only if it is still at `from` (what
 * the caller read): false when another runner moved it meanwhile.
 */
export async function moveCheckpoint(
  transaction: EntityManager,
  name: string,
  from: Position | null,
  to: Pick<RecordedEvent, 'position' | 'recordedAt'>,
): Promise<boolean> {
  const [, moved] = (await transaction.query(
    `UPDATE app.projection_checkpoints
     SET position = $2, last_event_at = $4, updated_at = now()
     WHERE name = $1 AND position IS NOT DISTINCT FROM $3`,
    [name, to.position, from, to.recordedAt],
  )) as [unknown, number];
  return moved === 1;
}

/** The stored checkpoint, creating the row (at the start of the log) the first time. */
export async function ensureCheckpoint(
  manager: EntityManager,
  name: string,
): Promise<Position | null> {
  await manager.query(
    `INSERT INTO app.projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
    [name],
  );
  const [row] = (await manager.query(
    'SELECT position FROM app.projection_checkpoints WHERE name = $1',
    [name],
  )) as { position: string | null }[];
  return (row?.position ?? null) as Position | null;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
