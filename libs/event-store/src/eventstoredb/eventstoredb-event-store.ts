import {
  BACKWARDS,
  END,
  eventTypeFilter,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  streamNameFilter,
  UnsupportedError,
  WrongExpectedVersionError as ClientWrongExpectedVersion,
  type AllStreamResolvedEvent,
  type Filter,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { EventIdConflictError } from '../event-store.errors';
import type {
  AllFilter,
  AppendRequest,
  AppendResult,
  EventMetadata,
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
import {
  comparePositions,
  decodePosition,
  encodePosition,
  toStreamState,
  toWrongExpectedVersion,
} from './eventstoredb-mapping';

/**
 * The ledger on EventStoreDB / KurrentDB, for deployments that outgrow one PostgreSQL server.
 *
 * What it guarantees, and on which servers:
 * - Single-stream appends, expected revisions, reads, catch-up subscriptions and stream metadata:
 *   any EventStoreDB 23+ or KurrentDB server.
 * - Atomic multi-stream appends (`appendToStreams` with more than one stream): KurrentDB 25.1+
 *   (`multiStreamAppend`). On an older server the call fails with a clear error; it never falls
 *   back to separate, non-atomic appends.
 * - Idempotent retries: the server deduplicates a retry only shortly after the original. Beyond
 *   that, when an append is refused for its expected revision (and before any `any` append),
 *   this adapter looks for the event ids among the stream's newest events
 *   (`IDEMPOTENCY_LOOKBACK`); a retry older than that is not recognised.
 * - Stream metadata is enforced by the server (truncate-before, max-count, max-age) on stream
 *   reads, as in the PostgreSQL adapter.
 */
const IDEMPOTENCY_LOOKBACK = 4096;
const READ_ALL_PAGE = 1000;

export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();

  private constructor(private readonly client: KurrentDBClient) {}

  static async connect(options: { connectionString: string }): Promise<EventStoreDbEventStore> {
    const store = new EventStoreDbEventStore(
      KurrentDBClient.connectionString(options.connectionString),
    );
    await store.ping();
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
    if (requests.some((request) => request.expectedRevision === 'any')) {
      const original = await this.findOriginalAppend(requests);
      if (original) return original;
    }
    try {
      return requests.length === 1
        ? await this.appendOne(requests[0])
        : await this.appendMany(requests);
    } catch (error) {
      if (error instanceof ClientWrongExpectedVersion) {
        const original = await this.findOriginalAppend(requests);
        if (original) return original;
        const request = requests.find((r) => r.streamName === error.streamName) ?? requests[0];
        throw toWrongExpectedVersion(
          request.streamName,
          request.expectedRevision,
          error.actualState,
        );
      }
      if (error instanceof UnsupportedError) {
        throw new Error(
          `Atomic multi-stream append needs KurrentDB ${error.minimumVersion} or later (${error.feature}); this server does not support it`,
        );
      }
      throw error;
    }
  }

  private async appendOne(request: AppendRequest): Promise<AppendResult> {
    const result = await this.client.appendToStream(
      request.streamName,
      request.events.map(toEventData),
      { streamState: toStreamState(request.expectedRevision) },
    );
    if (!result.position) throw new Error('The server returned no position for the append');
    return {
      streams: [
        {
          streamName: request.streamName,
          nextExpectedRevision: Number(result.nextExpectedRevision),
        },
      ],
      position: encodePosition(result.position),
    };
  }

  private async appendMany(requests: AppendRequest[]): Promise<AppendResult> {
    const result = await this.client.multiStreamAppend(
      requests.map((request) => ({
        streamName: request.streamName,
        events: request.events.map(toEventData),
        expectedState: toStreamState(request.expectedRevision),
      })),
    );
    const revisions = new Map(result.responses.map((r) => [r.streamName, Number(r.revision)]));
    return {
      streams: requests.map((request) => ({
        streamName: request.streamName,
        nextExpectedRevision: revisions.get(request.streamName)!,
      })),
      position: encodePosition({ commit: result.position, prepare: result.position }),
    };
  }

  /** See the header: recognises a retry among each stream's newest events. */
  private async findOriginalAppend(requests: AppendRequest[]): Promise<AppendResult | undefined> {
    const matches: { request: AppendRequest; stored: RecordedEvent[] }[] = [];
    let anyFound = false;
    let allFound = true;
    for (const request of requests) {
      const ids = new Set(request.events.map((event) => event.id));
      const recent = await this.readStream(request.streamName, {
        direction: 'backwards',
        maxCount: IDEMPOTENCY_LOOKBACK,
      });
      const stored = recent.filter((event) => ids.has(event.id)).reverse();
      anyFound ||= stored.length > 0;
      allFound &&= stored.length === request.events.length;
      matches.push({ request, stored });
    }
    if (!anyFound) return undefined;
    const allIds = requests.flatMap((request) => request.events.map((event) => event.id));
    if (!allFound) {
      throw new EventIdConflictError(allIds, 'only some events of this append are stored');
    }
    for (const { request, stored } of matches) {
      request.events.forEach((event, i) => {
        const same =
          stored[i].id === event.id &&
          stored[i].type === event.type &&
          JSON.stringify(stored[i].data) === JSON.stringify(event.data) &&
          (i === 0 || stored[i].revision === stored[i - 1].revision + 1);
        if (!same) {
          throw new EventIdConflictError([event.id], 'stored with a different type, data or order');
        }
      });
    }
    const last = matches
      .map(({ stored }) => stored[stored.length - 1].position)
      .reduce((latest, position) => (comparePositions(position, latest) > 0 ? position : latest));
    return {
      streams: matches.map(({ request, stored }) => ({
        streamName: request.streamName,
        nextExpectedRevision: stored[stored.length - 1].revision,
      })),
      position: last,
    };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: from === 'start' ? START : from === 'end' ? END : BigInt(from),
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

  async streamRevision(streamName: string): Promise<number | undefined> {
    const [last] = await this.readStream(streamName, { direction: 'backwards', maxCount: 1 });
    return last?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    const result: RecordedEvent[] = [];
    let after = options.after ?? 'start';
    while (result.length < maxCount) {
      const page: RecordedEvent[] = [];
      let scanned = 0;
      let lastScanned: Position | undefined;
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition: after === 'start' ? START : decodePosition(after),
        maxCount: READ_ALL_PAGE + 1,
        filter: serverFilter(options.filter),
      })) {
        const event = toRecordedEvent(resolved);
        if (!event) continue;
        if (after !== 'start' && comparePositions(event.position, after) <= 0) continue;
        scanned += 1;
        lastScanned = event.position;
        if (matchesLocally(event, options.filter)) page.push(event);
      }
      result.push(...page.slice(0, maxCount - result.length));
      if (!lastScanned || scanned < READ_ALL_PAGE) break;
      after = lastScanned;
    }
    return result;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const stream = this.client.subscribeToAll({
      fromPosition: options.after === 'start' ? START : decodePosition(options.after),
      filter: serverFilter(options.filter),
    });
    let stopped = false;
    const done = (async () => {
      try {
        // One event per batch: the subscription stream is pulled only after the handler settles.
        for await (const resolved of stream) {
          if (stopped) break;
          const event = toRecordedEvent(resolved);
          if (!event || !matchesLocally(event, options.filter)) continue;
          await options.handle([event]);
        }
      } catch (error) {
        if (!stopped) options.onError?.(error);
      } finally {
        stopped = true;
        await stream.unsubscribe().catch(() => undefined);
      }
    })();
    const subscription: Subscription = {
      done,
      stop: async () => {
        stopped = true;
        await stream.unsubscribe().catch(() => undefined);
        await done;
      },
    };
    this.subscriptions.add(subscription);
    void done.then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void> {
    validateStreamMetadata(metadata);
    const { truncateBefore, maxCount, maxAgeSeconds, ...custom } = metadata;
    await this.client.setStreamMetadata(streamName, {
      ...custom,
      ...(truncateBefore !== undefined ? { truncateBefore } : {}),
      ...(maxCount !== undefined ? { maxCount } : {}),
      ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
    });
  }

  async getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    const { metadata } = await this.client.getStreamMetadata(streamName);
    if (!metadata) return {};
    const {
      truncateBefore,
      maxCount,
      maxAge,
      acl: _acl,
      cacheControl: _cache,
      ...custom
    } = metadata;
    return {
      ...custom,
      ...(typeof truncateBefore === 'number' ? { truncateBefore } : {}),
      ...(maxCount !== undefined ? { maxCount } : {}),
      ...(maxAge !== undefined ? { maxAgeSeconds: maxAge } : {}),
    };
  }

  comparePositions(a: Position, b: Position): number {
    return comparePositions(a, b);
  }

  async ping(): Promise<void> {
    for await (const _ of this.client.readAll({
      maxCount: 1,
      direction: BACKWARDS,
      fromPosition: END,
    })) {
      break;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

function toEventData(event: EventToAppend) {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: (event.metadata ?? {}) as Record<string, unknown>,
  });
}

/** The server filters on one thing: stream prefixes if given, else event types, else `$` events. */
function serverFilter(filter?: AllFilter): Filter {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: filter.eventTypes });
  return excludeSystemEvents();
}

function matchesLocally(event: RecordedEvent, filter?: AllFilter): boolean {
  if (event.type.startsWith('$') || event.streamName.startsWith('$')) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  if (
    filter?.streamPrefixes?.length &&
    !filter.streamPrefixes.some((prefix) => event.streamName.startsWith(prefix))
  ) {
    return false;
  }
  return true;
}

function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson) return undefined;
  // Stream reads from some servers carry no position; the commit position then stands in.
  const position = event.position ?? {
    commit: resolved.commitPosition ?? 0n,
    prepare: resolved.commitPosition ?? 0n,
  };
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(position),
    data: event.data,
    metadata: (event.metadata ?? {}) as EventMetadata,
    recordedAt: event.created,
  };
}
