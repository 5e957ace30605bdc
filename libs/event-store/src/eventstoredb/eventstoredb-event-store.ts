import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type {
  AppendRequest,
  AppendResult,
  CountAllOptions,
  CountAllResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';
import { validateAppendRequests, validateStreamMetadata } from '../event-store.validation';
import { matchesFilter, serverFilter } from './eventstoredb-filter';
import { findRetriedAppend } from './eventstoredb-idempotency';
import {
  MultiStreamAppendUnsupportedError,
  fromClientStreamMetadata,
  isUnsupportedByServer,
  positionOf,
  toAtomicEventData,
  toClientStreamMetadata,
  toEventData,
  toRecordedEvent,
  toStreamState,
  toWrongExpectedVersion,
} from './eventstoredb-mapping';
import { compareLogPositions, decodePosition, encodePosition } from './eventstoredb-position';
import { BatchingSubscription } from './eventstoredb-subscription';

/**
 * The ledger on EventStoreDB / KurrentDB, through @kurrent/kurrentdb-client.
 *
 * What it guarantees, and on which servers:
 * - Single-stream appends with expected revisions, stream and `$all` reads, catch-up
 *   subscriptions and stream metadata: EventStoreDB 23+ and any KurrentDB.
 * - `appendToStreams` with more than one stream is atomic (every event written, or none; every
 *   expected revision checked) only through KurrentDB 25.1+'s `multiStreamAppend`. Other servers
 *   refuse it with `MultiStreamAppendUnsupportedError` and nothing is written: it never falls
 *   back to separate, non-atomic appends. (Event metadata written that way is stored as string
 *   properties, a KurrentDB 25.1 restriction; reading restores the values.)
 * - Idempotent retries, as in the PostgreSQL adapter but within limits:
 *   - with an exact or `no_stream` expected revision the server itself recognises a retry whose
 *     events sit right after that revision; otherwise it refuses the append for its revision and
 *     the adapter then looks for the event ids among the stream's newest events;
 *   - with `any` / `stream_exists` the server recognises retries only while their ids are in
 *     its cache, so the adapter looks among the stream's newest events before appending;
 *   - "newest events" means the last `idempotencyLookback` (default 4096) events readable in the
 *     stream: an older retry is not recognised and is written again;
 *   - an event id reused in *another* stream is not detected (no index by event id exists), and
 *     neither is an id reused at the stream's current revision with an exact expected revision.
 * - `readAll` and subscriptions: `$all` in log order, system events (`$…` types or streams) left
 *   out; positions are the log's commit/prepare pair, encoded by `eventstoredb-position.ts`.
 * - Stream metadata (truncate-before, max-count, max-age) is enforced by the server on stream
 *   reads, as the PostgreSQL adapter does. Unlike there, `streamRevision` sees only readable
 *   events: when max-age has hidden all of them it answers `undefined`.
 */
export interface EventStoreDbOptions {
  /** `kurrentdb://host:2113?tls=false` (or `esdb://…`); see the client's documentation. */
  connectionString: string;
  /** How many of a stream's newest events are searched for a retried append's ids. */
  idempotencyLookback?: number;
}

const DEFAULT_IDEMPOTENCY_LOOKBACK = 4096;
const READ_ALL_PAGE = 1000;
const DEFAULT_BATCH_SIZE = 500;

export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly idempotencyLookback: number,
  ) {}

  static async connect(options: EventStoreDbOptions): Promise<EventStoreDbEventStore> {
    const client = KurrentDBClient.connectionString(options.connectionString);
    const store = new EventStoreDbEventStore(
      client,
      options.idempotencyLookback ?? DEFAULT_IDEMPOTENCY_LOOKBACK,
    );
    try {
      await store.ping();
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw error;
    }
    return store;
  }

  appendToStream(
    streamName: string,
    events: EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.appendToStreams([{ streamName, events, expectedRevision }]);
  }

  async appendToStreams(requests: AppendRequest[]): Promise<AppendResult> {
    validateAppendRequests(requests);
    // See the header: the server cannot be relied on to recognise these retries.
    if (
      requests.some((r) => r.expectedRevision === 'any' || r.expectedRevision === 'stream_exists')
    ) {
      const original = await this.findOriginalAppend(requests);
      if (original) return original;
    }
    try {
      return requests.length === 1
        ? await this.appendToOneStream(requests[0])
        : await this.appendAtomically(requests);
    } catch (error) {
      if (error instanceof ClientWrongExpectedVersionError) {
        // Either a retry of an append that was stored, or a real conflict.
        const original = await this.findOriginalAppend(requests);
        if (original) return original;
        throw toWrongExpectedVersion(error, requests);
      }
      if (requests.length > 1 && isUnsupportedByServer(error)) {
        throw new MultiStreamAppendUnsupportedError(requests.map((r) => r.streamName));
      }
      throw error;
    }
  }

  private async appendToOneStream(request: AppendRequest): Promise<AppendResult> {
    const { streamName, events, expectedRevision } = request;
    const result = await this.client.appendToStream(streamName, events.map(toEventData), {
      streamState: toStreamState(expectedRevision),
    });
    if (!result.success) {
      // Only with `throwOnAppendFailure=false` in the connection string; its revision is unusable.
      const actual = await this.streamRevision(streamName);
      throw new ClientWrongExpectedVersionError(undefined, {
        streamName,
        expected: toStreamState(expectedRevision),
        current: actual === undefined ? NO_STREAM : BigInt(actual),
      });
    }
    const revision = Number(result.nextExpectedRevision);
    return {
      streams: [{ streamName, nextExpectedRevision: revision }],
      // A retry the server recognised may come back without a position.
      position: result.position
        ? encodePosition(result.position)
        : await this.positionOf(streamName, revision),
    };
  }

  private async appendAtomically(requests: AppendRequest[]): Promise<AppendResult> {
    const result = await this.client.multiStreamAppend(
      requests.map((request) => ({
        streamName: request.streamName,
        events: request.events.map(toAtomicEventData),
        expectedState: toStreamState(request.expectedRevision),
      })),
    );
    const revisions = new Map(result.responses.map((r) => [r.streamName, Number(r.revision)]));
    const streams = requests.map(({ streamName }) => {
      const revision = revisions.get(streamName);
      if (revision === undefined) {
        throw new Error(`The server's answer to an atomic append did not mention '${streamName}'`);
      }
      return { streamName, nextExpectedRevision: revision };
    });
    // The log position of the last record written: its commit and prepare position. Should the
    // server leave it out, the last request's last event is that record.
    const last = streams[streams.length - 1];
    const position =
      result.position > 0n
        ? encodePosition({ commit: result.position, prepare: result.position })
        : await this.positionOf(last.streamName, last.nextExpectedRevision);
    return { streams, position };
  }

  private async findOriginalAppend(requests: AppendRequest[]): Promise<AppendResult | undefined> {
    const stored = await Promise.all(
      requests.map((request) =>
        this.readStream(request.streamName, {
          direction: 'backwards',
          maxCount: this.idempotencyLookback,
        }),
      ),
    );
    return findRetriedAppend(requests, stored);
  }

  private async positionOf(streamName: string, revision: number): Promise<Position> {
    const [event] = await this.readStream(streamName, { fromRevision: revision, maxCount: 1 });
    if (event?.revision !== revision) {
      throw new Error(`Could not read back event ${revision} of '${streamName}' for its position`);
    }
    return event.position;
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: toReadRevision(from),
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      })) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /** KurrentDB has no multi-stream read: the streams are read side by side. */
  async readStreams(streamNames: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const names = [...new Set(streamNames)];
    const read = await Promise.all(names.map((name) => this.readStream(name)));
    return new Map(names.map((name, i) => [name, read[i]]));
  }

  async streamRevision(streamName: string): Promise<number | undefined> {
    const [last] = await this.readStream(streamName, { direction: 'backwards', maxCount: 1 });
    return last?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    const result: RecordedEvent[] = [];
    let after = options.after ?? 'start';
    while (result.length < maxCount) {
      const page = await this.readAllPage(
        after,
        Math.min(maxCount - result.length, READ_ALL_PAGE),
        options,
      );
      result.push(...page.events);
      if (page.reachedEnd || !page.lastScanned) break;
      after = page.lastScanned;
    }
    return result.slice(0, maxCount);
  }

  async countAll(options: CountAllOptions): Promise<CountAllResult> {
    const events = await this.readAll({ ...options, maxCount: options.limit });
    return {
      events: events.length,
      oldestRecordedAt: events[0]?.recordedAt,
    };
  }

  /**
   * The next `limit` events the server's filter lets through after `after` (which it returns
   * too, reading from a position being inclusive), narrowed by the rest of the filter.
   */
  private async readAllPage(
    after: Position | 'start',
    limit: number,
    { filter }: ReadAllOptions,
  ): Promise<{ events: RecordedEvent[]; lastScanned?: Position; reachedEnd: boolean }> {
    const requested = after === 'start' ? limit : limit + 1;
    const events: RecordedEvent[] = [];
    let received = 0;
    let lastScanned: Position | undefined;
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: after === 'start' ? START : decodePosition(after),
      maxCount: requested,
      filter: serverFilter(filter),
    })) {
      received += 1;
      const position = positionOf(resolved);
      if (!position) continue;
      if (after !== 'start' && compareLogPositions(position, after) <= 0) continue;
      lastScanned = position;
      const event = toRecordedEvent(resolved);
      if (event && matchesFilter(event, filter)) events.push(event);
    }
    return { events, lastScanned, reachedEnd: received < requested };
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const source = this.client.subscribeToAll(
      {
        fromPosition: options.after === 'start' ? START : decodePosition(options.after),
        filter: serverFilter(options.filter),
      },
      { highWaterMark: batchSize },
    );
    const subscription = new BatchingSubscription({
      source,
      after: options.after,
      batchSize,
      toEvent: (item) => {
        const event = toRecordedEvent(item as AllStreamResolvedEvent);
        return event && matchesFilter(event, options.filter) ? event : undefined;
      },
      comparePositions: compareLogPositions,
      handle: options.handle,
      onError: options.onError,
    });
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void> {
    validateStreamMetadata(metadata);
    await this.client.setStreamMetadata(streamName, toClientStreamMetadata(metadata));
  }

  async getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    const { metadata } = await this.client.getStreamMetadata(streamName);
    return fromClientStreamMetadata(metadata);
  }

  comparePositions(a: Position, b: Position): number {
    return compareLogPositions(a, b);
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
    })) {
      // Reading one record proves the server answers.
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

function toReadRevision(from: number | 'start' | 'end'): ReadRevision {
  if (from === 'start') return START;
  if (from === 'end') return END;
  return BigInt(from);
}
