import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { event, waitUntil } from '../contract/event-store.contract';
import type { RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';
import { createScratchDatabase } from '@oxyledger/config/testing/scratch-database';
import { testDatabaseUrl } from './testing/test-database';

/** What only the PostgreSQL adapter has: wake-up, the visibility line, schema start-up. */
describe('PostgresEventStore', () => {
  let url: string;
  let prefix: string;
  const stores: PostgresEventStore[] = [];
  const connect = async (options: { pollIntervalMs?: number } = {}) => {
    const store = await PostgresEventStore.connect({
      connectionString: url,
      maxConnections: 4,
      ...options,
    });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    url = await testDatabaseUrl();
  });
  beforeEach(() => {
    prefix = `p${randomUUID().slice(0, 8)}-`;
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('wakes a subscriber in another process through LISTEN/NOTIFY, without waiting for its poll', async () => {
    const subscriberSide = await connect({ pollIntervalMs: 600_000 });
    const writerSide = await connect();
    const seen: RecordedEvent[] = [];
    await writerSide.appendToStream(`${prefix}a`, [event('First')], 'any');
    const subscription = subscriberSide.subscribeToAll({
      after: 'start',
      filter: { streamPrefixes: [prefix] },
      handle: async (events) => void seen.push(...events),
    });
    await waitUntil(() => seen.length === 1);

    await writerSide.appendToStream(`${prefix}a`, [event('Second')], 'any');

    await waitUntil(() => seen.length === 2, 20_000);
    expect(seen.map((e) => e.type)).toEqual(['First', 'Second']);
    await subscription.stop();
  });

  it('still delivers when the notification is lost, by polling', async () => {
    const subscriberSide = await connect({ pollIntervalMs: 100 });
    const writerSide = await connect();
    const seen: RecordedEvent[] = [];
    const subscription = subscriberSide.subscribeToAll({
      after: 'start',
      filter: { streamPrefixes: [prefix] },
      handle: async (events) => void seen.push(...events),
    });
    await killSessions(url, 'oxyledger-listen');

    await writerSide.appendToStream(`${prefix}a`, [event('AfterListenerDied')], 'any');

    await waitUntil(() => seen.length === 1);
    await subscription.stop();
  });

  it('holds readers below a transaction that is still open, then delivers its events in order', async () => {
    const store = await connect();
    const slowWriter = new Client({ connectionString: url });
    await slowWriter.connect();
    try {
      await slowWriter.query('BEGIN');
      await slowWriter.query('SELECT * FROM ledger.append_events($1, $2, $3, $4, $5, $6, $7)', [
        [`${prefix}slow`],
        [-1],
        [1],
        [randomUUID()],
        ['Slow'],
        ['{}'],
        ['{}'],
      ]);
      await store.appendToStream(`${prefix}fast`, [event('Fast')], 'any');

      const whileOpen = await store.readAll({ filter: { streamPrefixes: [prefix] } });
      expect(whileOpen).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await store.oldestOpenTransactionAgeSeconds()).toBeGreaterThanOrEqual(1);

      await slowWriter.query('COMMIT');
      const afterCommit = await store.readAll({ filter: { streamPrefixes: [prefix] } });
      expect(afterCommit.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    } finally {
      await slowWriter.end();
    }
  });

  it('looks again soon when an unrelated open transaction held events back, which sends no notification', async () => {
    const store = await connect({ pollIntervalMs: 600_000 });
    const seen: RecordedEvent[] = [];
    await store.appendToStream(`${prefix}a`, [event('First')], 'any');
    const subscription = store.subscribeToAll({
      after: 'start',
      filter: { streamPrefixes: [prefix] },
      handle: async (events) => void seen.push(...events),
    });
    await waitUntil(() => seen.length === 1);
    const unrelated = new Client({ connectionString: url });
    await unrelated.connect();
    try {
      await unrelated.query('BEGIN');
      await unrelated.query('SELECT pg_current_xact_id()'); // holds a transaction id, like any write
      await store.appendToStream(`${prefix}a`, [event('HeldBack')], 'any');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toHaveLength(1);

      await unrelated.query('COMMIT');

      await waitUntil(() => seen.length === 2, 20_000);
    } finally {
      await unrelated.end();
      await subscription.stop();
    }
  });

  it('reads several categories or event types merged in global order, past many other events', async () => {
    const store = await connect();
    const base = prefix.slice(0, -1); // a category name of its own: no '-' inside
    const [one, two] = [`${base}One`, `${base}Two`];
    await store.appendToStream(`${base}x-1`, [event(one)], 'any');
    await store.appendToStream(`${base}y-1`, [event(two)], 'any');
    await store.appendToStreams([
      {
        streamName: `${base}z-1`,
        events: Array.from({ length: 1200 }, () => event('Other')),
        expectedRevision: 'any',
      },
    ]);
    await store.appendToStream(`${base}x-2`, [event(two)], 'any');
    await store.appendToStream(`${base}y-1`, [event(one)], 'any');
    await store.appendToStream(`${base}z-1`, [event('Other')], 'any');

    // read until all four show: a transaction open anywhere on a shared server holds them back
    const byCategory = await readUntil(4, () =>
      store.readAll({ filter: { streamPrefixes: [`${base}x-`, `${base}y-`] }, maxCount: 10 }),
    );
    expect(byCategory.map((e) => `${e.streamName.slice(base.length)}:${e.type}`)).toEqual([
      `x-1:${one}`,
      `y-1:${two}`,
      `x-2:${two}`,
      `y-1:${one}`,
    ]);
    const byType = await store.readAll({ filter: { eventTypes: [two, one] }, maxCount: 10 });
    expect(byType.map((e) => e.id)).toEqual(byCategory.map((e) => e.id));
    const narrower = await store.readAll({
      filter: { streamPrefixes: [`${base}x-2`, `${base}y-`], eventTypes: [two] },
      maxCount: 10,
    });
    expect(narrower.map((e) => e.id)).toEqual([byCategory[1].id, byCategory[2].id]);

    // small batches: each event once, in order, and the subscription goes on past the log's
    // end (its checkpoint moved over the 1,201 others) to what is appended next
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({
      after: 'start',
      batchSize: 1,
      filter: { streamPrefixes: [`${base}x-`] },
      handle: async (events) => void seen.push(...events),
    });
    await waitUntil(() => seen.length === 2);
    await store.appendToStream(`${base}x-3`, [event(one)], 'any');
    await waitUntil(() => seen.length === 3, 20_000);
    await subscription.stop();
    expect(seen.map((e) => e.streamName.slice(base.length))).toEqual(['x-1', 'x-2', 'x-3']);
  });

  it('creates its schema once when several processes start on an empty database at the same time', async () => {
    const fresh = await createScratchDatabase('schema');
    try {
      const started = await Promise.all(
        Array.from({ length: 4 }, () =>
          PostgresEventStore.connect({ connectionString: fresh.url, maxConnections: 2 }),
        ),
      );
      await started[0].appendToStream('cylinder-1', [event('CylinderRegistered')], 'no_stream');
      expect(await started[3].readStream('cylinder-1')).toHaveLength(1);
      await Promise.all(started.map((store) => store.close()));
      const check = new Client({ connectionString: fresh.url });
      await check.connect();
      const { rows } = await check.query(
        'SELECT version FROM ledger.schema_migrations ORDER BY version',
      );
      await check.end();
      expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await fresh.drop();
    }
  });

  it('builds an index of step 2 again when its build was cut short and left it INVALID', async () => {
    const fresh = await createScratchDatabase('schema_invalid');
    const db = new Client({ connectionString: fresh.url });
    try {
      await (await PostgresEventStore.connect({ connectionString: fresh.url })).close();
      await db.connect();
      // what a start-up killed in the middle of CREATE INDEX CONCURRENTLY leaves behind
      await db.query(
        `UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ledger.events_type_order'::regclass`,
      );
      await db.query('DELETE FROM ledger.schema_migrations WHERE version = 2');

      await (await PostgresEventStore.connect({ connectionString: fresh.url })).close();

      const { rows } = await db.query(
        `SELECT c.relname AS index, i.indisvalid AS valid FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relname IN ('events_category_order', 'events_type_order') ORDER BY 1`,
      );
      expect(rows).toEqual([
        { index: 'events_category_order', valid: true },
        { index: 'events_type_order', valid: true },
      ]);
      const versions = await db.query('SELECT version FROM ledger.schema_migrations ORDER BY 1');
      expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await db.end();
      await fresh.drop();
    }
  });
});

/** Reads again (for up to 10 s) until `count` events show. */
async function readUntil(count: number, read: () => Promise<RecordedEvent[]>) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const events = await read();
    if (events.length >= count || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Ends this database's sessions of that name; other test runs on the server keep theirs. */
async function killSessions(url: string, applicationName: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await waitUntilAsync(async () => {
      const { rowCount } = await client.query(
        'SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
        [applicationName],
      );
      return (rowCount ?? 0) > 0;
    });
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = $1 AND datname = current_database()`,
      [applicationName],
    );
  } finally {
    await client.end();
  }
}

async function waitUntilAsync(condition: () => Promise<boolean>) {
  for (let i = 0; i < 500 && !(await condition()); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
