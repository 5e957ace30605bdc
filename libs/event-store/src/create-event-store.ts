import type { EventStore } from './event-store.port';

export interface EventStoreConfig {
  kind: 'postgres' | 'eventstoredb';
  /** PostgreSQL URL: the ledger lives there when `kind` is `postgres`. */
  databaseUrl: string;
  /** EventStoreDB/KurrentDB connection string: required when `kind` is `eventstoredb`. */
  eventStoreConnectionString?: string;
  /** Size of the PostgreSQL adapter's pool (EVENT_STORE_POOL_MAX). */
  maxConnections?: number;
}

/**
 * Connects the configured adapter. Each adapter is loaded only when chosen, so a PostgreSQL
 * deployment never loads the EventStoreDB client and vice versa.
 */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'postgres': {
      const { PostgresEventStore } = await import('./postgres/postgres-event-store');
      return PostgresEventStore.connect({
        connectionString: config.databaseUrl,
        maxConnections: config.maxConnections,
      });
    }
    case 'eventstoredb': {
      if (!config.eventStoreConnectionString) {
        throw new Error(
          'The eventstoredb event store needs a connection string: set ' +
            'EVENTSTORE_CONNECTION_STRING (e.g. kurrentdb://127.0.0.1:2113?tls=false).',
        );
      }
      const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
      return EventStoreDbEventStore.connect({
        connectionString: config.eventStoreConnectionString,
      });
    }
    default:
      throw new Error(
        `Unknown event store kind ${JSON.stringify((config as { kind: unknown }).kind)}: ` +
          'expected postgres or eventstoredb.',
      );
  }
}
