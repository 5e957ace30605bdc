import { createScratchDatabase } from '@oxyledger/config/testing/scratch-database';
import { appDataSourceOptions, runMigrationsUnderLock } from '@oxyledger/database';
import type { AllFilter, EventStore, Position } from '@oxyledger/event-store';
import { PostgresEventStore } from '@oxyledger/event-store/postgres/postgres-event-store';
import { DataSource } from 'typeorm';

/**
 * A fresh database of its own (ledger and `app` schema, migrated), so a test owns the
 * projections' checkpoints and tables: projection names are global per database.
 */
export interface ScratchLedger {
  url: string;
  store: PostgresEventStore;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function openScratchLedger(label: string): Promise<ScratchLedger> {
  const database = await createScratchDatabase(label);
  const dataSource = await new DataSource(appDataSourceOptions(database.url)).initialize();
  await runMigrationsUnderLock(dataSource, { log: () => undefined });
  const store = await PostgresEventStore.connect({
    connectionString: database.url,
    maxConnections: 5,
    pollIntervalMs: 100,
  });
  return {
    url: database.url,
    store,
    dataSource,
    close: async () => {
      await store.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/** Polls `condition` until it holds; fails after `timeoutMs` naming what it waited for. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function storedCheckpoint(
  dataSource: DataSource,
  name: string,
): Promise<Position | null> {
  const [row] = (await dataSource.query(
    'SELECT position FROM app.projection_checkpoints WHERE name = $1',
    [name],
  )) as { position: Position | null }[];
  return row?.position ?? null;
}

/** Waits until the stored checkpoint of `name` is at `position` (or past it). */
export async function checkpointReaches(
  store: EventStore,
  dataSource: DataSource,
  name: string,
  position: Position,
  timeoutMs?: number,
): Promise<void> {
  await waitUntil(
    async () => {
      const checkpoint = await storedCheckpoint(dataSource, name);
      return checkpoint !== null && store.comparePositions(checkpoint, position) >= 0;
    },
    `projection '${name}' reaches ${position}`,
    timeoutMs,
  );
}

/** Position of the last event matching `filter`, if any. */
export async function lastPosition(
  store: EventStore,
  filter?: AllFilter,
): Promise<Position | undefined> {
  let last: Position | undefined;
  for (;;) {
    const page = await store.readAll({ after: last ?? 'start', maxCount: 1_000, filter });
    if (page.length === 0) return last;
    last = page[page.length - 1].position;
  }
}
