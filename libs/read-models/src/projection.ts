import type { AllFilter, RecordedEvent } from '@oxyledger/event-store';
import type { EntityManager } from 'typeorm';

/**
 * A read model kept from the ledger. `apply` runs inside the transaction that also moves the
 * projection's checkpoint, so a batch is applied exactly once or not at all.
 */
export interface Projection {
  /** Stable: it keys the checkpoint. */
  readonly name: string;
  readonly filter?: AllFilter;
  apply(events: RecordedEvent[], transaction: EntityManager): Promise<void>;
}
