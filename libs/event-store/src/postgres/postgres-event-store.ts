import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import {
  EventIdConflictError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../event-store.errors';
import type {
  AllFilter,
  AppendRequest,
  AppendResult,
  CountAllOptions,
  CountAllResult,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  LedgerSql,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { validateAppendRequests, validateStreamMetadata } from '../event-store.validation';
import { comparePostgresPositions, decodePosition, encodePosition } from './postgres-position';
import { ensureLedgerSchema } from './postgres-schema';
import { PollingSubscription } from './postgres-subscription';
import { LedgerWakeUp } from './postgres-wake-up';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Pool size; appends and reads each hold a connection for one round trip. */
  maxConnections?: number;
  /**
   * A transaction left open stalls every subscriber (see readAllPage), so the server ends
   * sessions idle inside a transaction after this long.
   */
  idleInTransactionTimeoutMs?: number;
  /** How often subscribers poll when no notification arrives. */
  pollIntervalMs?: number;
  /**
   * Test hook: runs inside each append's transaction after its events are inserted and before
   * it commits, to provoke out-of-order commits.
   */
  beforeCommit?: () => Promise<void>;
}

interface EventRow {
  transaction_id: string;
  global_position: string;
  event_id: string;
  stream_name: string;
  stream_revision: string;
  event_type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
  matches?: boolean;
}

interface AppendRow {
  transaction_id: string;
  last_position: string;
  last_revisions: string[];
}

const WRONG_EXPECTED_VERSION = 'OL001';
const UNIQUE_VIOLATION = '23505';
const EXPECTED_CODES = { any: -1, no_stream: -2, stream_exists: -3 } as const;

const EVENT_COLUMNS =
  'transaction_id, global_position, event_id, stream_name, stream_revision, event_type, data, metadata, recorded_at';

const APPEND_SQL = 'SELECT * FROM ledger.append_events($1, $2, $3, $4, $5, $6, $7)';

/**
 * Events become visible to readAll/subscriptions only below the oldest transaction still open.
 * See readAllPage.
 */
const VISIBLE_AND_AFTER =
  '(transaction_id, global_position) > ($1::xid8, $2::bigint) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

export class PostgresEventStore implements EventStore {
  private readonly wakeUp: LedgerWakeUp;
  private readonly subscriptions = new Set<PollingSubscription>();

  /**
   * Subscriptions read the log one at a time: every commit wakes all of them (a process keeps
   * about eight: its projections, notifications, supply levels, live events), and unqueued their
   * reads would take most of the pool from commands. Queued, a subscription's next read covers
   * every commit made while it waited.
   */
  private readonly subscriptionReads = new OneAtATime();

  /** The transaction of the surrounding `atomically`, if any. */
  private readonly ambient = new AsyncLocalStorage<PoolClient>();

  private constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.wakeUp = new LedgerWakeUp({ connectionString: options.connectionString });
  }

  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.maxConnections ?? 20,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 30_000,
      application_name: 'oxyledger-event-store',
    };
    const pool = new Pool(config);
    pool.on('error', () => undefined); // an idle client died; the pool replaces it
    try {
      await ensureLedgerSchema(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, options);
  }

  appendToStream(
    streamName: string,
    events: EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.appendToStreams([{ streamName, events, expectedRevision }]);
  }

  async appendToStreams(requests: AppendRequest[], isRetry = false): Promise<AppendResult> {
    validateAppendRequests(requests);
    // A fixed lock order across all writers rules out deadlocks between multi-stream appends.
    const ordered = requests
      .map((request, index) => ({ request, index }))
      .sort((a, b) => (a.request.streamName < b.request.streamName ? -1 : 1));
    const events = ordered.flatMap(({ request }) => request.events);
    const params = [
      ordered.map(({ request }) => request.streamName),
      ordered.map(({ request }) => expectedCode(request.expectedRevision)),
      ordered.map(({ request }) => request.events.length),
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event.data)),
      events.map((event) => JSON.stringify(event.metadata ?? {})),
    ];

    try {
      const row = await this.runAppend(params);
      if (!this.ambient.getStore()) this.wakeUp.signalCommitted();
      const revisionsInRequestOrder: number[] = [];
      ordered.forEach(
        ({ index }, i) => (revisionsInRequestOrder[index] = Number(row.last_revisions[i])),
      );
      return {
        streams: requests.map((request, i) => ({
          streamName: request.streamName,
          nextExpectedRevision: revisionsInRequestOrder[i],
        })),
        position: encodePosition(row.transaction_id, row.last_position),
      };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== WRONG_EXPECTED_VERSION && code !== UNIQUE_VIOLATION) throw error;
      // Either a retry of an append that was already stored, or a real conflict.
      const original = await this.findOriginalAppend(requests);
      if (original) return original;
      if (code === WRONG_EXPECTED_VERSION) throw this.wrongExpectedVersion(error, ordered);
      // A concurrent append with the same ids rolled back after we collided with it: try again.
      if (!isRetry) return this.appendToStreams(requests, true);
      throw error;
    }
  }

  private async runAppend(params: unknown[]): Promise<AppendRow> {
    const ambient = this.ambient.getStore();
    if (ambient) {
      // A savepoint, so a refused append (conflict, retry lookup) leaves the outer transaction usable.
      await ambient.query('SAVEPOINT ledger_append');
      try {
        const { rows } = await ambient.query<AppendRow>(APPEND_SQL, params);
        await this.options.beforeCommit?.();
        await ambient.query('RELEASE SAVEPOINT ledger_append');
        return rows[0];
      } catch (error) {
        await ambient.query('ROLLBACK TO SAVEPOINT ledger_append').catch(() => undefined);
        throw error;
      }
    }
    if (!this.options.beforeCommit) {
      const { rows } = await this.pool.query<AppendRow>(APPEND_SQL, params);
      return rows[0];
    }
    return this.inTransaction(async (client) => {
      const { rows } = await client.query<AppendRow>(APPEND_SQL, params);
      await this.options.beforeCommit?.();
      return rows[0];
    });
  }

  /**
   * Idempotency for any expected revision: if every event id of the append is already stored,
   * in the same stream, in the same order, with the same type and data, the append was done
   * before and its original result is returned. Any other overlap is refused.
   */
  private async findOriginalAppend(requests: AppendRequest[]): Promise<AppendResult | undefined> {
    const events = requests.flatMap((request) =>
      request.events.map((event) => ({ ...event, streamName: request.streamName })),
    );
    const { rows } = await this.db.query<{
      event_id: string;
      stream_name: string | null;
      stream_revision: string | null;
      transaction_id: string | null;
      global_position: string | null;
      same_content: boolean | null;
    }>(
      `SELECT given.event_id, e.stream_name, e.stream_revision, e.transaction_id, e.global_position,
              (e.event_type = given.event_type AND e.data = given.data) AS same_content
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS given(event_id, event_type, data)
       LEFT JOIN ledger.events e ON e.event_id = given.event_id`,
      [
        events.map((event) => event.id),
        events.map((event) => event.type),
        events.map((event) => JSON.stringify(event.data)),
      ],
    );
    const stored = new Map(rows.map((row) => [row.event_id, row]));
    const found = events.filter((event) => stored.get(event.id)?.stream_name != null);
    if (found.length === 0) return undefined;
    const foundIds = found.map((event) => event.id);
    if (found.length < events.length) {
      throw new EventIdConflictError(foundIds, 'only some events of this append are stored');
    }
    for (const event of events) {
      const row = stored.get(event.id)!;
      if (row.stream_name !== event.streamName) {
        throw new EventIdConflictError([event.id], `stored in stream '${row.stream_name}'`);
      }
      if (!row.same_content) {
        throw new EventIdConflictError([event.id], 'stored with a different type or data');
      }
    }
    const streams = requests.map((request) => {
      const revisions = request.events.map((event) =>
        Number(stored.get(event.id)!.stream_revision),
      );
      const contiguous = revisions.every(
        (revision, i) => i === 0 || revision === revisions[i - 1] + 1,
      );
      if (!contiguous) {
        throw new EventIdConflictError(
          request.events.map((event) => event.id),
          'stored in a different order',
        );
      }
      return {
        streamName: request.streamName,
        nextExpectedRevision: revisions[revisions.length - 1],
      };
    });
    const last = events
      .map((event) => stored.get(event.id)!)
      .map((row) => encodePosition(row.transaction_id!, row.global_position!))
      .reduce((latest, position) =>
        comparePostgresPositions(position, latest) > 0 ? position : latest,
      );
    return { streams, position: last };
  }

  private wrongExpectedVersion(
    error: unknown,
    ordered: { request: AppendRequest }[],
  ): WrongExpectedVersionError {
    const detail = JSON.parse((error as { detail: string }).detail) as {
      streamIndex: number;
      actual: number;
    };
    const { request } = ordered[detail.streamIndex];
    return new WrongExpectedVersionError(
      request.streamName,
      request.expectedRevision,
      detail.actual < 0 ? 'no_stream' : detail.actual,
    );
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    // The stream's metadata narrows what is readable: truncate-before, max-count and max-age.
    const { rows } = await this.db.query<EventRow>(
      `SELECT e.${EVENT_COLUMNS.split(', ').join(', e.')}
       FROM ledger.streams s
       JOIN ledger.events e ON e.stream_name = s.stream_name
       WHERE s.stream_name = $1
         AND e.stream_revision >= GREATEST(
               coalesce((s.metadata->>'truncateBefore')::bigint, 0),
               s.revision - coalesce((s.metadata->>'maxCount')::bigint, s.revision + 1) + 1)
         AND (s.metadata->>'maxAgeSeconds' IS NULL
              OR e.recorded_at >= now() - make_interval(secs => (s.metadata->>'maxAgeSeconds')::float8))
         AND ${backwards ? 'e.stream_revision <= $2' : 'e.stream_revision >= $2'}
       ORDER BY e.stream_revision ${backwards ? 'DESC' : 'ASC'}
       LIMIT $3`,
      [streamName, revisionBound(from, backwards), Math.min(maxCount, Number.MAX_SAFE_INTEGER)],
    );
    return rows.map(toRecordedEvent);
  }

  async readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = new Map<string, RecordedEvent[]>(streamNames.map((name) => [name, []]));
    if (streams.size === 0) return streams;
    const { rows } = await this.db.query<EventRow>(
      `SELECT e.${EVENT_COLUMNS.split(', ').join(', e.')}
       FROM ledger.streams s
       JOIN ledger.events e ON e.stream_name = s.stream_name
       WHERE s.stream_name = ANY($1::text[])
         AND e.stream_revision >= GREATEST(
               coalesce((s.metadata->>'truncateBefore')::bigint, 0),
               s.revision - coalesce((s.metadata->>'maxCount')::bigint, s.revision + 1) + 1)
         AND (s.metadata->>'maxAgeSeconds' IS NULL
              OR e.recorded_at >= now() - make_interval(secs => (s.metadata->>'maxAgeSeconds')::float8))
       ORDER BY e.stream_name, e.stream_revision`,
      [[...streams.keys()]],
    );
    for (const row of rows) streams.get(row.stream_name)!.push(toRecordedEvent(row));
    return streams;
  }

  async streamRevision(streamName: string): Promise<number | undefined> {
    const { rows } = await this.db.query<{ revision: string }>(
      'SELECT revision FROM ledger.streams WHERE stream_name = $1',
      [streamName],
    );
    const revision = rows.length ? Number(rows[0].revision) : -1;
    return revision < 0 ? undefined : revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    const result: RecordedEvent[] = [];
    let after = options.after ?? 'start';
    while (result.length < maxCount) {
      const page = await this.readAllPage(after, maxCount - result.length, options.filter);
      result.push(...page.events);
      if (!page.lastScanned || page.reachedEnd) break;
      after = page.lastScanned;
    }
    return result;
  }

  async countAll(options: CountAllOptions): Promise<CountAllResult> {
    const point = decodePosition(options.after ?? 'start');
    const params: unknown[] = [
      point.transactionId.toString(),
      point.globalPosition.toString(),
      options.limit,
    ];
    const seek = seekKeys(options.filter);
    const conditions = filterConditions(options.filter, params, seek);
    const source = seek
      ? seekBranches(seek, conditions, params)
      : `SELECT transaction_id, global_position FROM ledger.events
         WHERE ${[VISIBLE_AND_AFTER, ...conditions].join(' AND ')}
         ORDER BY transaction_id, global_position LIMIT $3`;
    // positions only (from the index where it can), then the first one's row for its time
    const { rows } = await this.pool.query<{ events: number; oldest: Date | null }>(
      `WITH pending AS MATERIALIZED (${source})
       SELECT (SELECT count(*)::int FROM pending) AS events,
              (SELECT e.recorded_at FROM ledger.events e
               WHERE (e.transaction_id, e.global_position) =
                     (SELECT p.transaction_id, p.global_position FROM pending p
                      ORDER BY p.transaction_id, p.global_position LIMIT 1)) AS oldest`,
      params,
    );
    return { events: rows[0].events, oldestRecordedAt: rows[0].oldest ?? undefined };
  }

  /**
   * Reads the next events of the global log after `after`, scanning at most `limit` rows.
   *
   * Why (transaction id, sequence) and the snapshot's xmin: sequence numbers are taken when a
   * writer inserts, but become visible when it commits, and writers commit out of order. A
   * reader that took everything committed up to the highest sequence number it sees would pass
   * over a lower number whose transaction is still open and commits a moment later: that event
   * would never be delivered. Waiting a timeout for such gaps and then skipping them loses
   * events whenever a transaction is slower than the timeout.
   *
   * So every event records the id of the transaction that wrote it (xid8, never wraps), and a
   * reader only returns events whose transaction is older than the oldest transaction still
   * running (`pg_snapshot_xmin(pg_current_snapshot())`): all of those have finished, so nothing
   * can appear below that line later. The log is ordered by (transaction id, sequence number),
   * and as the line only moves forward, every later event sorts after every event already read.
   * A checkpoint is that pair, so a subscriber resumes exactly where it stopped.
   *
   * The cost: a transaction left open holds the line back for every subscriber (not for
   * writers). The pool sets idle_in_transaction_session_timeout, and
   * `oldestOpenTransactionAgeSeconds()` exposes how long the line has been held.
   */
  private async readAllPage(
    after: Position | 'start',
    limit: number,
    filter?: AllFilter,
  ): Promise<{ events: RecordedEvent[]; lastScanned?: Position; reachedEnd: boolean }> {
    const point = decodePosition(after);
    const params: unknown[] = [
      point.transactionId.toString(),
      point.globalPosition.toString(),
      limit,
    ];
    const seek = seekKeys(filter);
    const conditions = filterConditions(filter, params, seek);
    if (seek) return this.seekPage(params, conditions, seek);
    // Rows that do not match a filter are still scanned (and returned without their data) so
    // the reader moves past them instead of scanning them again on its next read.
    const columns = conditions.length
      ? `m.matches, CASE WHEN m.matches THEN data END AS data,
         CASE WHEN m.matches THEN metadata END AS metadata
         FROM ledger.events, LATERAL (SELECT ${conditions.join(' AND ')} AS matches) m`
      : 'true AS matches, data, metadata FROM ledger.events';
    const { rows } = await this.pool.query<EventRow>(
      `SELECT transaction_id, global_position, event_id, stream_name, stream_revision, event_type,
              recorded_at, ${columns}
       WHERE ${VISIBLE_AND_AFTER}
       ORDER BY transaction_id, global_position
       LIMIT $3`,
      params,
    );
    const last = rows[rows.length - 1];
    return {
      events: rows.filter((row) => row.matches).map(toRecordedEvent),
      lastScanned: last ? encodePosition(last.transaction_id, last.global_position) : undefined,
      reachedEnd: rows.length < limit,
    };
  }

  /**
   * A filtered read that walks the category (or event type) indexes of schema version 2: one
   * ordered index range per key, merged, so its cost follows the events it returns, not the
   * size of the log (and of the rows under its keys that the whole filter refuses, such as
   * `hospital-demand-` under the `hospital` key of a `hospital-supply-` reader).
   *
   * Each range reads whole rows: the merge pulls from them lazily, so no more rows are fetched
   * than the page holds. (Merging positions only and joining the rows afterwards let the planner
   * hash-join a sequential scan of the whole log into every page: a second per 10,000 events of
   * a rebuild on a 500k-event ledger.)
   *
   * The same statement (same snapshot, same visibility line) also returns the last visible
   * position of the whole log, as a row of its own: when the page is not full, nothing matching
   * lies between the page and it, so the reader's checkpoint moves up to it and later reads, lag
   * counts and `eventsHeldBack` start from the head instead of from the category's last event.
   */
  private async seekPage(
    params: unknown[],
    conditions: string[],
    seek: Seek,
  ): Promise<{ events: RecordedEvent[]; lastScanned?: Position; reachedEnd: boolean }> {
    const { rows } = await this.pool.query<EventRow & { head: boolean }>(
      `(SELECT false AS head, ${EVENT_COLUMNS} FROM (${seekBranches(seek, conditions, params, EVENT_COLUMNS)}) page)
       UNION ALL
       (SELECT true, transaction_id, global_position, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM ledger.events WHERE ${VISIBLE_AND_AFTER}
        ORDER BY transaction_id DESC, global_position DESC LIMIT 1)`,
      params,
    );
    const headRow = rows.find((row) => row.head);
    const events = rows.filter((row) => !row.head).sort(byLogPosition);
    const reachedEnd = events.length < (params[2] as number);
    const last = events[events.length - 1];
    return {
      events: events.map(toRecordedEvent),
      lastScanned:
        reachedEnd && headRow
          ? encodePosition(headRow.transaction_id, headRow.global_position)
          : last
            ? encodePosition(last.transaction_id, last.global_position)
            : undefined,
      reachedEnd,
    };
  }

  /**
   * Whether committed events wait above the visibility line: then an open transaction (of any
   * database on this server) holds them back, and its end sends no notification, so the
   * subscriber looks again soon instead of sleeping a whole poll interval.
   */
  private async eventsHeldBack(after: Position | 'start'): Promise<boolean> {
    const point = decodePosition(after);
    const { rows } = await this.pool.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ledger.events
                      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)) AS held`,
      [point.transactionId.toString(), point.globalPosition.toString()],
    );
    return rows[0].held;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const subscription = new PollingSubscription({
      after: options.after,
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: this.options.pollIntervalMs ?? 500,
      readPage: (after, limit) =>
        this.subscriptionReads.run(() => this.readAllPage(after, limit, options.filter)),
      eventsHeldBack: (after) => this.subscriptionReads.run(() => this.eventsHeldBack(after)),
      handle: options.handle,
      onError: options.onError,
      wakeUp: this.wakeUp,
    });
    this.subscriptions.add(subscription);
    void subscription.done.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void> {
    validateStreamMetadata(metadata);
    await this.pool.query(
      `INSERT INTO ledger.streams (stream_name, metadata) VALUES ($1, $2)
       ON CONFLICT (stream_name) DO UPDATE SET metadata = EXCLUDED.metadata`,
      [streamName, JSON.stringify(metadata)],
    );
  }

  async getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    const { rows } = await this.db.query<{ metadata: StreamMetadata }>(
      'SELECT metadata FROM ledger.streams WHERE stream_name = $1',
      [streamName],
    );
    return rows[0]?.metadata ?? {};
  }

  comparePositions(a: Position, b: Position): number {
    return comparePostgresPositions(a, b);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM ledger.streams LIMIT 1');
  }

  /** How long the oldest transaction holding a transaction id has been open: it holds back subscribers. */
  async oldestOpenTransactionAgeSeconds(): Promise<number> {
    const { rows } = await this.pool.query<{ age: number | null }>(
      `SELECT extract(epoch FROM now() - min(xact_start))::float8 AS age
       FROM pg_stat_activity WHERE backend_xid IS NOT NULL`,
    );
    return Math.max(0, rows[0]?.age ?? 0);
  }

  /** The pool's connections now, for the api's /metrics (database pool use). */
  poolStats(): { total: number; idle: number; waiting: number } {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.wakeUp.close();
    await this.pool.end();
  }

  async atomically<T>(work: (sql: LedgerSql) => Promise<T>): Promise<T> {
    if (this.ambient.getStore()) throw new Error('atomically() does not nest');
    const result = await this.inTransaction((client) =>
      this.ambient.run(client, () =>
        work(async <Row>(text: string, params?: unknown[]) => {
          const { rows } = await client.query(text, params);
          return rows as Row[];
        }),
      ),
    );
    this.wakeUp.signalCommitted();
    return result;
  }

  /** Inside `atomically`, its transaction; otherwise the pool. */
  private get db(): Pool | PoolClient {
    return this.ambient.getStore() ?? this.pool;
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client that loses its server between statements (a request's transaction
    // waiting on other work) emits 'error'; unheard, that would stop the process. The next
    // statement on it fails, and the client is released as broken.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }
}

/** Runs the work given to it one after the other, in the order given. */
class OneAtATime {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.last.then(work);
    this.last = result.catch(() => undefined);
    return result;
  }
}

function expectedCode(expected: ExpectedRevision): number {
  if (typeof expected === 'number') return expected;
  const code = EXPECTED_CODES[expected];
  if (code === undefined)
    throw new InvalidAppendError(`Unknown expected revision '${String(expected)}'`);
  return code;
}

function revisionBound(from: number | 'start' | 'end', backwards: boolean): string {
  if (from === 'start') return backwards ? '-1' : '0';
  if (from === 'end') return Number.MAX_SAFE_INTEGER.toString();
  return String(from);
}

/** How a filtered read seeks: by the values of an indexed expression, one range each. */
interface Seek {
  expression: string;
  keys: string[];
  /** Seeking by category: the filter's prefixes under each, checked in that key's range. */
  prefixesByKey?: Map<string, string[]>;
}

/**
 * Which index a filtered read can seek by: its event types, or else the categories of its
 * prefixes when every prefix names one (`trip-`, `hospital-supply-`; not `cyl` or '').
 */
function seekKeys(filter?: AllFilter): Seek | undefined {
  if (filter?.eventTypes?.length) {
    return { expression: 'event_type', keys: [...new Set(filter.eventTypes)] };
  }
  const prefixes = filter?.streamPrefixes ?? [];
  if (!prefixes.length || prefixes.some((prefix) => !prefix.includes('-'))) return undefined;
  const prefixesByKey = new Map<string, string[]>();
  for (const prefix of prefixes) {
    const key = prefix.slice(0, prefix.indexOf('-'));
    prefixesByKey.set(key, [...(prefixesByKey.get(key) ?? []), prefix]);
  }
  return {
    expression: "split_part(stream_name, '-', 1)",
    keys: [...prefixesByKey.keys()],
    prefixesByKey,
  };
}

/**
 * The filter as SQL conditions on ledger.events, its values pushed onto `params`; without the
 * prefixes when the read seeks by category (each range checks its own, see `seekBranches`).
 */
function filterConditions(filter: AllFilter | undefined, params: unknown[], seek?: Seek): string[] {
  const conditions: string[] = [];
  if (filter?.streamPrefixes?.length && !seek?.prefixesByKey) {
    params.push(filter.streamPrefixes.map((prefix) => escapeLike(prefix) + '%'));
    conditions.push(`stream_name LIKE ANY($${params.length}::text[])`);
  }
  if (filter?.eventTypes?.length) {
    params.push(filter.eventTypes);
    conditions.push(`event_type = ANY($${params.length}::text[])`);
  }
  return conditions;
}

/**
 * The next `$3` matching events after ($1, $2), their positions or the given columns: one
 * ordered index range per key, merged in global order.
 *
 * Under a category whose whole range the filter wants (prefix `trip-` of category `trip`), the
 * range excludes only a stream named the bare category: a `LIKE 'trip-%'` there made the
 * planner take the two conditions as independent, expect 4 % of the range, and sort the whole
 * category instead of reading it in order (140 ms instead of 34 ms for 10,000 trip events).
 */
function seekBranches(
  seek: Seek,
  conditions: string[],
  params: unknown[],
  columns = 'transaction_id, global_position',
): string {
  const branches = seek.keys.map((key) => {
    params.push(key);
    const keyParam = `$${params.length}`;
    const own = [...conditions];
    const prefixes = seek.prefixesByKey?.get(key);
    if (prefixes?.includes(`${key}-`)) {
      own.push(`stream_name <> ${keyParam}`);
    } else if (prefixes) {
      params.push(prefixes.map((prefix) => escapeLike(prefix) + '%'));
      own.push(`stream_name LIKE ANY($${params.length}::text[])`);
    }
    return `(SELECT ${columns} FROM ledger.events
             WHERE ${[`${seek.expression} = ${keyParam}`, VISIBLE_AND_AFTER, ...own].join(' AND ')}
             ORDER BY transaction_id, global_position LIMIT $3)`;
  });
  return `SELECT * FROM (${branches.join(' UNION ALL ')}) b
          ORDER BY b.transaction_id, b.global_position LIMIT $3`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => '\\' + character);
}

/** Rows of a statement whose order SQL does not promise (a UNION ALL), back in log order. */
function byLogPosition(a: EventRow, b: EventRow): number {
  return (
    compareDecimal(a.transaction_id, b.transaction_id) ||
    compareDecimal(a.global_position, b.global_position)
  );
}

/** Non-negative integers as PostgreSQL prints them, compared without parsing. */
function compareDecimal(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    streamName: row.stream_name,
    revision: Number(row.stream_revision),
    position: encodePosition(row.transaction_id, row.global_position),
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
