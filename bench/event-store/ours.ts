import type { ExpectedRevision } from '@oxyledger/event-store/event-store.port';
import { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import type { AppendTarget, BenchEvent } from './workload';

/** OxyLedger's PostgreSQL adapter, appending the way the ledger's aggregates do. */
export class OursTarget implements AppendTarget {
  readonly name = 'ours';

  private constructor(readonly store: PostgresEventStore) {}

  static async connect(connectionString: string, poolSize: number): Promise<OursTarget> {
    return new OursTarget(
      await PostgresEventStore.connect({ connectionString, maxConnections: poolSize }),
    );
  }

  /** `expected`: the revision the previous append returned; undefined for a new stream. */
  async append(streamName: string, events: BenchEvent[], expected: unknown): Promise<number> {
    const expectedRevision: ExpectedRevision =
      expected === undefined ? 'no_stream' : (expected as number);
    const result = await this.store.appendToStream(streamName, events, expectedRevision);
    return result.streams[0].nextExpectedRevision;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
