import {
  getPostgreSQLEventStore,
  type PostgresEventStore,
} from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import type { AppendTarget, BenchEvent } from './workload';

/**
 * Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`), appending the way its
 * command handlers do: version 0 for a new stream, then the version the last append returned.
 *
 * Pool: left alone, Emmett (through dumbo) makes `new pg.Pool({ connectionString })`, i.e. pg's
 * default of 10 connections, and passes no size through. To give it the same pool as ours it is
 * handed a pg.Pool of `poolSize`, which it uses as is.
 *
 * Emmett's package also sets pg's global type parsers (int8 to BigInt, json/jsonb to its own
 * parser) on first use; that is why each store runs in its own worker process.
 */
export class EmmettTarget implements AppendTarget {
  readonly name = 'emmett';

  private constructor(
    private readonly store: PostgresEventStore,
    private readonly pool: Pool,
  ) {}

  static async connect(connectionString: string, poolSize: number): Promise<EmmettTarget> {
    const pool = new Pool({ connectionString, max: poolSize });
    const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
    // Emmett creates its schema lazily on the first call: do it now, outside any timing.
    await store.schema.migrate();
    return new EmmettTarget(store, pool);
  }

  /** `expected`: the version the previous append returned; undefined for a new stream. */
  async append(streamName: string, events: BenchEvent[], expected: unknown): Promise<bigint> {
    const result = await this.store.appendToStream(
      streamName,
      events.map((event) => ({
        type: event.type,
        data: event.data,
        // Emmett takes the message id from metadata.messageId (a fresh uuid otherwise).
        metadata: { ...event.metadata, messageId: event.id },
      })),
      { expectedStreamVersion: expected === undefined ? 0n : (expected as bigint) },
    );
    return result.nextExpectedStreamVersion;
  }

  async close(): Promise<void> {
    await this.store.close(); // does not end a pool it was given
    await this.pool.end();
  }
}
