import type { AllFilter, RecordedEvent } from '@oxyledger/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model kept from the ledger. `apply` runs inside the transaction that also moves the
 * projection's checkpoint, so a batch is applied exactly once or not at all.
 *
 * `apply` names its tables without a schema: the runner sets the transaction's `search_path` to
 * the schema being written (`app` when live, a scratch schema while rebuilding), so the same code
 * serves both.
 */
export interface Projection {
  /** Stable: it keys the checkpoint and the ownership lock, and names the projection to rebuild. */
  readonly name: string;
  readonly filter?: AllFilter;
  /** Every table `apply` writes, all in schema `app`; a rebuild swaps them in together. */
  readonly tables: readonly string[];
  apply(events: RecordedEvent[], transaction: EntityManager): Promise<void>;

  /**
   * Optional: work for the batch that must not run inside a database transaction (a call to
   * Redis, an append to the ledger), done before the batch's transaction opens. A batch that
   * fails afterwards is done again, so this must be idempotent. `stopping` is aborted when the
   * runner stops (shutdown): whatever this waits for should stop waiting and throw, and the batch
   * is done again by the next owner.
   */
  beforeTransaction?(events: RecordedEvent[], stopping: AbortSignal): Promise<void>;

  /**
   * Optional, for rebuilds, where the runner is the only writer of fresh tables and a failure
   * throws the tables away: a copy of the projection that may keep rows in memory across
   * batches and write them only at `flush` (which the rebuild calls before the swap).
   */
  forRebuild?(): RebuildSession;
}

export interface RebuildSession extends Projection {
  flush(transaction: EntityManager): Promise<void>;
}
