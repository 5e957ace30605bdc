import { describeEventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { testDatabaseUrl } from './testing/test-database';

describeEventStoreContract('postgres', async (options) => {
  const maxDelay = options?.maxCommitDelayMs;
  const store = await PostgresEventStore.connect({
    connectionString: await testDatabaseUrl(),
    maxConnections: 12,
    beforeCommit: maxDelay
      ? () => new Promise((resolve) => setTimeout(resolve, Math.random() * maxDelay))
      : undefined,
  });
  return { store, close: () => store.close() };
});
