import type { Pool, PoolClient } from 'pg';

interface Migration {
  version: number;
  /**
   * Indexes on a table that may already be large and in use (a ledger of half a million events
   * takes seconds): built first, one by one, with CREATE INDEX CONCURRENTLY, so appends go on
   * meanwhile. Such a build cannot run in a transaction; a build cut short (a crash, a killed
   * start-up) leaves an INVALID index, dropped and built again by the next start-up.
   */
  indexes?: { name: string; on: string }[];
  /** Then run in one transaction with the step's record. */
  sql: string;
}

/**
 * The ledger's schema, owned by this adapter and applied at start-up. Read-model migrations
 * live elsewhere (TypeORM). Steps are append-only: never edit one that has shipped, add the next.
 *
 * `events` is ordered globally by (transaction_id, global_position), not by global_position
 * alone: see `readAllPage` in postgres-event-store.ts for why.
 */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE ledger.streams (
  stream_name text PRIMARY KEY,
  -- revision of the last event; -1 while the stream has only metadata
  revision bigint NOT NULL DEFAULT -1,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE ledger.events (
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  global_position bigint GENERATED ALWAYS AS IDENTITY,
  event_id uuid NOT NULL UNIQUE,
  stream_name text NOT NULL,
  stream_revision bigint NOT NULL,
  event_type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (transaction_id, global_position),
  UNIQUE (stream_name, stream_revision)
);

-- One round trip per append. Locks only the rows of the streams it writes: concurrent writers
-- to different streams never wait for each other. Expected revisions are encoded as
-- >= 0 exact, -1 any, -2 no_stream, -3 stream_exists.
CREATE FUNCTION ledger.append_events(
  p_stream_names text[],
  p_expected bigint[],
  p_event_counts int[],
  p_event_ids uuid[],
  p_event_types text[],
  p_data jsonb[],
  p_metadata jsonb[]
) RETURNS TABLE (transaction_id xid8, last_position bigint, last_revisions bigint[])
LANGUAGE plpgsql AS $fn$
DECLARE
  v_last bigint;
  v_actual bigint;
  v_last_revisions bigint[] := '{}';
  v_event_streams text[] := '{}';
  v_event_revisions bigint[] := '{}';
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_stream_names, 1), 0) LOOP
    v_last := NULL;
    IF p_expected[i] IN (-1, -2) THEN
      INSERT INTO ledger.streams AS s (stream_name, revision)
      VALUES (p_stream_names[i], p_event_counts[i] - 1)
      ON CONFLICT (stream_name) DO UPDATE SET revision = s.revision + p_event_counts[i]
        WHERE p_expected[i] = -1 OR s.revision = -1
      RETURNING s.revision INTO v_last;
    ELSE
      UPDATE ledger.streams s SET revision = s.revision + p_event_counts[i]
      WHERE s.stream_name = p_stream_names[i]
        AND s.revision >= 0
        AND (p_expected[i] = -3 OR s.revision = p_expected[i])
      RETURNING s.revision INTO v_last;
    END IF;

    IF v_last IS NULL THEN
      SELECT s.revision INTO v_actual FROM ledger.streams s WHERE s.stream_name = p_stream_names[i];
      RAISE EXCEPTION 'wrong expected version for stream %', p_stream_names[i]
        USING ERRCODE = 'OL001',
              DETAIL = json_build_object('streamIndex', i - 1, 'actual', coalesce(v_actual, -1))::text;
    END IF;

    v_last_revisions := v_last_revisions || v_last;
    v_event_streams := v_event_streams || array_fill(p_stream_names[i], ARRAY[p_event_counts[i]]);
    v_event_revisions := v_event_revisions
      || ARRAY(SELECT generate_series(v_last - p_event_counts[i] + 1, v_last));
  END LOOP;

  RETURN QUERY
  WITH inserted AS (
    INSERT INTO ledger.events (event_id, stream_name, stream_revision, event_type, data, metadata)
    SELECT e.id, e.stream, e.revision, e.type, e.data, e.metadata
    FROM unnest(p_event_ids, v_event_streams, v_event_revisions, p_event_types, p_data, p_metadata)
      WITH ORDINALITY AS e(id, stream, revision, type, data, metadata, n)
    ORDER BY e.n
    RETURNING events.transaction_id, events.global_position
  )
  SELECT min(inserted.transaction_id), max(inserted.global_position), v_last_revisions FROM inserted;
END;
$fn$;
`,
  },
  {
    // A subscriber to one category (`trip-`, `hospital-supply-`…) or a few event types seeks
    // straight to its next events in global order instead of scanning the whole log for them.
    // The category is the stream name up to its first '-', as EventStoreDB's `$ce-` streams.
    // Stream name and type are included so a prefix or type narrower than the key is checked
    // in the index (a `hospital-supply-` reader skips `hospital-demand-` without the heap).
    version: 2,
    indexes: [
      {
        name: 'events_category_order',
        on: `ledger.events (split_part(stream_name, '-', 1), transaction_id, global_position)
             INCLUDE (stream_name, event_type)`,
      },
      {
        name: 'events_type_order',
        on: 'ledger.events (event_type, transaction_id, global_position) INCLUDE (stream_name)',
      },
    ],
    // the planner needs the category's statistics to walk the index in order rather than sort
    sql: 'ANALYZE ledger.events',
  },
];

/** Any constant works; it only has to be the same in every process of this application. */
const SCHEMA_LOCK_KEY = 0x4f584c4544474552n; // "OXLEDGER"

/**
 * Creates or upgrades the schema. Several processes may start at once: the advisory lock makes
 * one of them apply the steps while the others wait, then find nothing left to do.
 */
export async function ensureLedgerSchema(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // Polled rather than waited for in pg_advisory_lock: a session waiting there is inside a
    // statement, whose snapshot a concurrent index build (step 2) waits out, while the session
    // waits for the build's lock: a deadlock. Between polls a waiting process holds nothing.
    while (
      !(
        await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
          SCHEMA_LOCK_KEY.toString(),
        ])
      ).rows[0].locked
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      await client.query('CREATE SCHEMA IF NOT EXISTS ledger');
      await client.query(
        'CREATE TABLE IF NOT EXISTS ledger.schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>(
        'SELECT version FROM ledger.schema_migrations',
      );
      const applied = new Set(rows.map((row) => row.version));
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        for (const index of migration.indexes ?? []) await buildIndex(client, index);
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO ledger.schema_migrations (version) VALUES ($1)', [
            migration.version,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY.toString()]);
    }
  } finally {
    client.release();
  }
}

/** Builds an index of the `ledger` schema without blocking writers; an INVALID leftover is rebuilt. */
async function buildIndex(client: PoolClient, index: { name: string; on: string }) {
  const { rows } = await client.query<{ valid: boolean }>(
    `SELECT i.indisvalid AS valid FROM pg_index i
     JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'ledger' AND c.relname = $1`,
    [index.name],
  );
  // IF NOT EXISTS would keep an invalid one, which no query uses and every write still updates
  if (rows[0] && !rows[0].valid) await client.query(`DROP INDEX CONCURRENTLY ledger.${index.name}`);
  await client.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${index.name} ON ${index.on}`);
}
