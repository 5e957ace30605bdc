import type { EventStore, Position, RecordedEvent } from '@oxyledger/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import type { Projection } from '../projection';
import { ProjectionRunner, quoteIdentifier } from '../projection-runner';

/** Events left for the swap transaction to apply, at most. */
const SWAP_BACKLOG = 2_000;

export interface RebuildProgress {
  projection: string;
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

export interface RebuildOptions {
  batchSize?: number;
  /** Called about once a second while catching up, and once at the end. */
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult extends RebuildProgress {
  position: Position | null;
}

/**
 * Rebuilds a projection from the start of the ledger into fresh tables (in a schema of their
 * own), then swaps them in atomically: the api answers from the old tables until the swap
 * commits, and the live runner, whose checkpoint moved under it, resumes from the rebuilt
 * position. The swap locks the projection's tables (in the order the projection writes them, so
 * it cannot deadlock with the live runner), applies what was appended meanwhile, and moves the
 * tables and the checkpoint in one transaction.
 */
export async function rebuildProjection(
  store: EventStore,
  dataSource: DataSource,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const schema = `rebuild_${projection.name.replace(/[^a-z0-9]/gi, '_')}`;
  const checkpointName = `${projection.name}#rebuild`;
  const started = Date.now();
  let events = 0;
  const progress = (): RebuildProgress => {
    const elapsedMs = Date.now() - started;
    return {
      projection: projection.name,
      events,
      elapsedMs,
      eventsPerSecond: Math.round(events / Math.max(elapsedMs / 1000, 0.001)),
    };
  };

  await createFreshTables(dataSource, projection, schema);
  await dataSource.query('DELETE FROM app.projection_checkpoints WHERE name = $1', [
    checkpointName,
  ]);
  // One session for the catch-up and the swap: rows it holds in memory are flushed before both.
  const session = projection.forRebuild?.();
  const writer = session ?? projection;
  const batchSize = options.batchSize ?? 10_000;
  // Whether the subscription may be near the log's end: the last batch was short, or none came
  // for a while. Only then is the backlog counted, as the count competes with the catch-up for
  // the database.
  let lastBatchFull = true;
  let lastAppliedAt = Date.now();
  let wake: () => void = () => undefined;
  const runner = new ProjectionRunner(store, dataSource, writer, {
    schema,
    checkpointName,
    batchSize,
    beforeCommit: async (batch) => {
      events += batch.length;
    },
    onApplied: (batch) => {
      lastBatchFull = batch.length >= batchSize;
      lastAppliedAt = Date.now();
      wake();
    },
  });
  await runner.start();
  let lastReport = Date.now();
  let counted = false;
  try {
    for (;;) {
      // woken by each batch, so a short last batch is noticed at once
      const applied = new Promise<undefined>((resolve) => (wake = () => resolve(undefined)));
      const failure = await Promise.race([
        runner.stopped(),
        sleep(200).then(() => undefined),
        applied,
      ]);
      if (failure) throw failure;
      if (Date.now() - lastReport >= 1_000) {
        options.onProgress?.(progress());
        lastReport = Date.now();
      }
      if (counted && lastBatchFull && Date.now() - lastAppliedAt < 1_000) continue;
      counted = true;
      // Close enough: the swap applies the rest under its lock. Waiting for "nothing left" could
      // chase a busy writer for ever.
      const pending = await store.countAll({
        after: runner.position ?? 'start',
        limit: SWAP_BACKLOG,
        filter: projection.filter,
      });
      if (pending.events < SWAP_BACKLOG) break;
    }
  } finally {
    await runner.stop();
  }
  if (session) {
    await dataSource.transaction(async (transaction) => {
      await transaction.query(`SET LOCAL search_path TO ${quoteIdentifier(schema)}`);
      await session.flush(transaction);
    });
  }
  await finishFreshTables(dataSource, projection, schema);

  const position = await dataSource.transaction(async (transaction) => {
    for (const table of projection.tables) {
      await transaction.query(`LOCK TABLE app.${quoteIdentifier(table)} IN ACCESS EXCLUSIVE MODE`);
    }
    await ensureLiveCheckpointRow(transaction, projection.name);
    let [{ position }] = (await transaction.query(
      'SELECT position FROM app.projection_checkpoints WHERE name = $1',
      [checkpointName],
    )) as { position: Position | null }[];
    let lastEvent: RecordedEvent | undefined;
    await transaction.query(`SET LOCAL search_path TO ${quoteIdentifier(schema)}`);
    for (;;) {
      const page = await store.readAll({
        after: position ?? 'start',
        maxCount: 2_000,
        filter: projection.filter,
      });
      if (page.length === 0) break;
      await writer.apply(page, transaction);
      events += page.length;
      lastEvent = page[page.length - 1];
      position = lastEvent.position;
    }
    await session?.flush(transaction);
    await transaction.query('SET LOCAL search_path TO app');
    await swapTables(transaction, projection, schema);
    await transaction.query(
      `UPDATE app.projection_checkpoints SET position = $2, updated_at = now(),
         last_event_at = COALESCE($3, (SELECT last_event_at FROM app.projection_checkpoints WHERE name = $4))
       WHERE name = $1`,
      [projection.name, position, lastEvent?.recordedAt ?? null, checkpointName],
    );
    await transaction.query('DELETE FROM app.projection_checkpoints WHERE name = $1', [
      checkpointName,
    ]);
    return position;
  });
  const result = { ...progress(), position };
  options.onProgress?.(result);
  return result;
}

async function ensureLiveCheckpointRow(transaction: EntityManager, name: string): Promise<void> {
  await transaction.query(
    `INSERT INTO app.projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
    [name],
  );
  await transaction.query('SELECT 1 FROM app.projection_checkpoints WHERE name = $1 FOR UPDATE', [
    name,
  ]);
}

/**
 * Empty copies of the projection's tables with the same columns and primary key, UNLOGGED and
 * without secondary indexes while they fill: a rebuild that dies is simply started again, and
 * building each index once at the end is far cheaper than maintaining it through every upsert.
 */
async function createFreshTables(
  dataSource: DataSource,
  projection: Projection,
  schema: string,
): Promise<void> {
  const target = quoteIdentifier(schema);
  await dataSource.transaction(async (transaction) => {
    await transaction.query(`DROP SCHEMA IF EXISTS ${target} CASCADE`);
    await transaction.query(`CREATE SCHEMA ${target}`);
    for (const table of projection.tables) {
      const name = quoteIdentifier(table);
      await transaction.query(
        `CREATE UNLOGGED TABLE ${target}.${name} (LIKE app.${name} INCLUDING DEFAULTS
           INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING IDENTITY)`,
      );
      const keys = (await transaction.query(
        `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
         WHERE conrelid = $1::regclass AND contype = 'p'`,
        [`app.${name}`],
      )) as { conname: string; definition: string }[];
      for (const key of keys) {
        await transaction.query(
          `ALTER TABLE ${target}.${name} ADD CONSTRAINT ${quoteIdentifier(key.conname)} ${key.definition}`,
        );
      }
    }
  });
}

/** The live tables' secondary indexes, under their own names, then the tables made durable. */
async function finishFreshTables(
  dataSource: DataSource,
  projection: Projection,
  schema: string,
): Promise<void> {
  for (const table of projection.tables) {
    const indexes = (await dataSource.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = 'app' AND i.tablename = $1
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
      [table],
    )) as { indexname: string; indexdef: string }[];
    const live = `ON app.${table} `;
    for (const index of indexes) {
      if (!index.indexdef.includes(live)) {
        throw new Error(
          `Cannot copy index ${index.indexname}: unexpected definition ${index.indexdef}`,
        );
      }
      await dataSource.query(
        index.indexdef.replace(live, `ON ${quoteIdentifier(schema)}.${quoteIdentifier(table)} `),
      );
    }
    await dataSource.query(
      `ALTER TABLE ${quoteIdentifier(schema)}.${quoteIdentifier(table)} SET LOGGED`,
    );
  }
}

async function swapTables(transaction: EntityManager, projection: Projection, schema: string) {
  const retired = quoteIdentifier(`${schema}_retired`);
  await transaction.query(`DROP SCHEMA IF EXISTS ${retired} CASCADE`);
  await transaction.query(`CREATE SCHEMA ${retired}`);
  for (const table of projection.tables) {
    const name = quoteIdentifier(table);
    await transaction.query(`ALTER TABLE app.${name} SET SCHEMA ${retired}`);
    await transaction.query(`ALTER TABLE ${quoteIdentifier(schema)}.${name} SET SCHEMA app`);
  }
  await transaction.query(`DROP SCHEMA ${retired} CASCADE`);
  await transaction.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
