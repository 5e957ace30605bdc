/**
 * The ledger's port. Adapters: PostgreSQL (default, `postgres/`) and EventStoreDB/KurrentDB
 * (`eventstoredb/`). Semantics follow EventStoreDB's so the two are interchangeable; where an
 * adapter cannot give a guarantee, its own file says so.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Who did it: recorded on every event. */
export interface Actor {
  userId: string;
  role: string;
  facilityId?: string;
}

export interface EventMetadata {
  /** When it happened on the device, as the client said (ISO 8601). */
  occurredAt?: string;
  correlationId?: string;
  causationId?: string;
  actor?: Actor;
  [key: string]: unknown;
}

export interface EventToAppend<Data = unknown> {
  /** UUID chosen by the writer; it makes the append idempotent. */
  id: string;
  type: string;
  data: Data;
  metadata?: EventMetadata;
}

/**
 * A point in the global log. Opaque: store it as given (e.g. as a checkpoint) and let the store
 * compare it (`EventStore.comparePositions`); never parse it.
 */
export type Position = string & { readonly __brand: 'Position' };

export interface RecordedEvent<Data = unknown> {
  id: string;
  type: string;
  streamName: string;
  /** 0-based, contiguous within the stream. */
  revision: number;
  position: Position;
  data: Data;
  metadata: EventMetadata;
  /** When the ledger recorded it. */
  recordedAt: Date;
}

/** EventStoreDB's expected-revision semantics: `any`, `no_stream`, `stream_exists`, or exact. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendRequest {
  streamName: string;
  events: EventToAppend[];
  expectedRevision: ExpectedRevision;
}

export interface StreamAppendResult {
  streamName: string;
  /** Revision of the stream's last event: the expected revision for the next append. */
  nextExpectedRevision: number;
}

export interface AppendResult {
  streams: StreamAppendResult[];
  /** Position of the last event written by this append. */
  position: Position;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number | 'start' | 'end';
  maxCount?: number;
}

export interface AllFilter {
  /** Stream name prefixes, e.g. `cylinder-` for the cylinder category. */
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Defaults to the start of the log. */
  after?: Position | 'start';
  maxCount?: number;
  filter?: AllFilter;
}

export interface CountAllOptions {
  /** Exclusive, as in {@link ReadAllOptions}. */
  after?: Position | 'start';
  filter?: AllFilter;
  /** Counts at most this many. */
  limit: number;
}

export interface CountAllResult {
  /** How many events `readAll` would return with the same options, up to the limit. */
  events: number;
  /** When the ledger recorded the first of them (in log order); absent when there are none. */
  oldestRecordedAt?: Date;
}

export interface StreamMetadata {
  /** Events with a lower revision are no longer returned by `readStream`. */
  truncateBefore?: number;
  /** Only the newest `maxCount` events are returned by `readStream`. */
  maxCount?: number;
  /** Events older than this many seconds are not returned by `readStream`. */
  maxAgeSeconds?: number;
  [key: string]: unknown;
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint; `start` for the whole log. */
  after: Position | 'start';
  filter?: AllFilter;
  /** Upper bound of events handed to one `handle` call (catch-up goes in batches). */
  batchSize?: number;
  /**
   * Receives events in global order, each exactly once per subscription. A batch is delivered
   * after the previous `handle` settled; the subscription stops if it throws.
   */
  handle: (events: RecordedEvent[]) => Promise<void>;
  /** Called once when the subscription stops because of an error. */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves when the handler in flight (if any) has finished and no more will be called. */
  stop(): Promise<void>;
  /** Resolves when the subscription stops (by `stop()` or an error). */
  readonly done: Promise<void>;
}

/** A query inside the transaction of {@link EventStore.atomically}. */
export type LedgerSql = <Row = Record<string, unknown>>(
  text: string,
  params?: unknown[],
) => Promise<Row[]>;

export interface EventStore {
  appendToStream(
    streamName: string,
    events: EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;

  /** All streams' expected revisions are checked; every event is written, or none. */
  appendToStreams(requests: AppendRequest[]): Promise<AppendResult>;

  /** Empty array for a stream that does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Several whole streams, each as `readStream` reads it forwards (metadata applied), in one
   * round trip where the adapter can: a command over a batch of cylinders loads them all at
   * once. Every name asked for is in the map; a stream that does not exist has an empty array.
   */
  readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>>;

  /** Current revision of a stream, or `undefined` if it has no events. */
  streamRevision(streamName: string): Promise<number | undefined>;

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** What `readAll` would return, counted without reading the events (a subscriber's lag). */
  countAll(options: CountAllOptions): Promise<CountAllResult>;

  subscribeToAll(options: SubscribeToAllOptions): Subscription;

  setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void>;
  getStreamMetadata(streamName: string): Promise<StreamMetadata>;

  /** Negative if `a` comes before `b` in the global log, 0 if equal, positive if after. */
  comparePositions(a: Position, b: Position): number;

  /** Checks the store answers; throws otherwise. */
  ping(): Promise<void>;

  /**
   * Runs `work` in one database transaction that every append and stream read made inside it
   * (in the same async context) joins, so the caller can commit its own record with the effect
   * as one atomic fact. Adapters that cannot (KurrentDB) leave it undefined.
   */
  atomically?<T>(work: (sql: LedgerSql) => Promise<T>): Promise<T>;

  close(): Promise<void>;
}
