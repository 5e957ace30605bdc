import { createEventStore } from './create-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { testDatabaseUrl } from './postgres/testing/test-database';

describe('createEventStore', () => {
  it('connects the PostgreSQL adapter to DATABASE_URL for kind postgres', async () => {
    const store = await createEventStore({
      kind: 'postgres',
      databaseUrl: await testDatabaseUrl(),
    });
    try {
      expect(store).toBeInstanceOf(PostgresEventStore);
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('refuses kind eventstoredb without a connection string, saying which variable to set', async () => {
    await expect(
      createEventStore({ kind: 'eventstoredb', databaseUrl: 'postgres://127.0.0.1/unused' }),
    ).rejects.toThrow(/EVENTSTORE_CONNECTION_STRING/);
  });
});
