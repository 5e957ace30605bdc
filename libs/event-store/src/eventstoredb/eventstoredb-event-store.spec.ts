import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  UnsupportedError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  type AllStreamResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { describeEventStoreContract } from '../contract/event-store.contract';
import {
  EventIdConflictError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../event-store.errors';
import type { AppendRequest, Position, RecordedEvent } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { matchesFilter, serverFilter } from './eventstoredb-filter';
import { findRetriedAppend, sameJson } from './eventstoredb-idempotency';
import {
  JSON_VALUED_METADATA_KEYS,
  MultiStreamAppendUnsupportedError,
  decodeEventMetadata,
  fromClientStreamMetadata,
  isUnsupportedByServer,
  metadataAsStrings,
  toActualRevision,
  toAtomicEventData,
  toClientStreamMetadata,
  toRecordedEvent,
  toStreamState,
  toWrongExpectedVersion,
} from './eventstoredb-mapping';
import { encodePosition } from './eventstoredb-position';
import { BatchingSubscription } from './eventstoredb-subscription';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('eventstoredb', async () => {
    const store = await EventStoreDbEventStore.connect({ connectionString });
    return { store, close: () => store.close() };
  });
} else {
  console.warn(
    'EventStoreDB contract suite skipped: set EVENTSTORE_CONNECTION_STRING ' +
      '(e.g. kurrentdb://127.0.0.1:2113?tls=false, see docker/compose.yml) to run it against a server.',
  );
  describe('EventStoreDB adapter', () => {
    it.todo('runs the event store contract suite when EVENTSTORE_CONNECTION_STRING is set');
  });
}

const at = (n: number) => encodePosition({ commit: BigInt(n), prepare: BigInt(n) });

function recorded(
  streamName: string,
  revision: number,
  position: number,
  data = {},
): RecordedEvent {
  return {
    id: randomUUID(),
    type: 'Numbered',
    streamName,
    revision,
    position: at(position),
    data,
    metadata: {},
    recordedAt: new Date(),
  };
}

describe('EventStoreDB adapter: expected revisions and errors', () => {
  it('maps expected revisions to the client’s stream states', () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });

  it('reads the actual revision from both client APIs', () => {
    expect(toActualRevision(7n)).toBe(7);
    expect(toActualRevision(0n)).toBe(0);
    expect(toActualRevision(NO_STREAM)).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
  });

  it('turns the client’s WrongExpectedVersionError into ours, for the stream it names', () => {
    const requests: AppendRequest[] = [
      { streamName: 'trip-1', events: [], expectedRevision: 0 },
      { streamName: 'cylinder-B', events: [], expectedRevision: 3 },
    ];
    const clientError = new ClientWrongExpectedVersionError(undefined, {
      streamName: 'cylinder-B',
      expected: 3n,
      current: 0n,
    });

    const error = toWrongExpectedVersion(clientError, requests);

    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({
      streamName: 'cylinder-B',
      expectedRevision: 3,
      actualRevision: 0,
    });
    const missing = new ClientWrongExpectedVersionError(undefined, {
      streamName: 'trip-1',
      expected: STREAM_EXISTS,
      current: NO_STREAM,
    });
    expect(
      toWrongExpectedVersion(missing, [
        { streamName: 'trip-1', events: [], expectedRevision: 'stream_exists' },
      ]),
    ).toMatchObject({
      streamName: 'trip-1',
      expectedRevision: 'stream_exists',
      actualRevision: 'no_stream',
    });
  });

  it('recognises a server without atomic multi-stream appends', () => {
    expect(isUnsupportedByServer(new UnsupportedError('multiStreamAppend', '25.1'))).toBe(true);
    expect(isUnsupportedByServer(Object.assign(new Error('unimplemented'), { code: 12 }))).toBe(
      true,
    );
    expect(isUnsupportedByServer(new Error('connection refused'))).toBe(false);
    expect(isUnsupportedByServer(undefined)).toBe(false);
    const error = new MultiStreamAppendUnsupportedError(['trip-1', 'cylinder-A']);
    expect(error.message).toMatch(/KurrentDB 25\.1/);
    expect(error.message).toMatch(/Nothing was written/);
  });
});

describe('EventStoreDB adapter: event data and metadata', () => {
  const metadata = {
    occurredAt: '2026-11-26T08:00:00.000Z',
    correlationId: 'trip-1',
    causationId: 'request-1',
    actor: { userId: 'u1', role: 'producer', facilityId: 'plant-1' },
    attempt: 2,
  };

  it('writes metadata for multiStreamAppend as strings and reads it back unchanged', () => {
    const strings = metadataAsStrings(metadata)!;

    expect(Object.values(strings).every((value) => typeof value === 'string')).toBe(true);
    expect(strings.correlationId).toBe('trip-1');
    // As KurrentDB returns it: the properties plus its own schema entries.
    const asRead = { ...strings, '$schema.format': 'Json', '$schema.name': 'CylinderFilled' };
    expect(decodeEventMetadata(asRead)).toEqual(metadata);
    expect(metadataAsStrings(undefined)).toBeUndefined();
    expect(metadataAsStrings({})).toBeUndefined();
  });

  it('builds events that pass the client’s check on multiStreamAppend metadata', () => {
    const event = toAtomicEventData({ id: randomUUID(), type: 'X', data: { a: 1 }, metadata });
    const stored = event.metadata as Record<string, unknown>;
    expect(Object.values(stored).every((value) => typeof value === 'string')).toBe(true);
    expect(stored[JSON_VALUED_METADATA_KEYS]).toBe(JSON.stringify(['actor', 'attempt']));
  });

  it('passes JSON metadata written by appendToStream through as it is', () => {
    expect(decodeEventMetadata(metadata)).toEqual(metadata);
    expect(decodeEventMetadata(undefined)).toEqual({});
    expect(decodeEventMetadata(new Uint8Array([1, 2]))).toEqual({});
    expect(decodeEventMetadata(['a'])).toEqual({});
  });

  it('converts read events, using the commit position where the event has none', () => {
    const created = new Date('2026-11-26T08:00:01.000Z');
    const base = {
      streamId: 'cylinder-A1',
      id: randomUUID(),
      revision: 3n,
      type: 'CylinderFilled',
      created,
      metadata: { correlationId: 'c' },
    };
    const json = {
      event: {
        ...base,
        isJson: true,
        data: { lot: 'L7' },
        position: { commit: 90n, prepare: 80n },
      },
    } as unknown as AllStreamResolvedEvent;
    expect(toRecordedEvent(json)).toEqual({
      id: base.id,
      type: 'CylinderFilled',
      streamName: 'cylinder-A1',
      revision: 3,
      position: encodePosition({ commit: 90n, prepare: 80n }),
      data: { lot: 'L7' },
      metadata: { correlationId: 'c' },
      recordedAt: created,
    });

    const bytes = {
      event: { ...base, isJson: false, data: Buffer.from('{"lot":"L8"}') },
      commitPosition: 120n,
    } as unknown as AllStreamResolvedEvent;
    expect(toRecordedEvent(bytes)).toMatchObject({ data: { lot: 'L8' }, position: at(120) });

    const binary = {
      event: { ...base, isJson: false, data: new Uint8Array([0xff]) },
      commitPosition: 1n,
    } as unknown as AllStreamResolvedEvent;
    expect(toRecordedEvent(binary)).toBeUndefined();
    expect(toRecordedEvent({} as AllStreamResolvedEvent)).toBeUndefined();

    const positionless = {
      event: { ...base, isJson: true, data: {} },
    } as unknown as AllStreamResolvedEvent;
    expect(() => toRecordedEvent(positionless)).toThrow(/no log position/);
  });
});

describe('EventStoreDB adapter: stream metadata', () => {
  it('maps the port’s settings to the client’s and keeps other keys as custom metadata', () => {
    expect(
      toClientStreamMetadata({ truncateBefore: 2, maxCount: 3, maxAgeSeconds: 60, owner: 'ops' }),
    ).toEqual({ truncateBefore: 2, maxCount: 3, maxAge: 60, owner: 'ops' });
    expect(toClientStreamMetadata({})).toEqual({});
  });

  it('refuses custom keys the client or server would take as settings', () => {
    for (const key of ['maxAge', 'acl', 'cacheControl', '$tb']) {
      expect(() => toClientStreamMetadata({ [key]: 1 })).toThrow(InvalidAppendError);
    }
  });

  it('reads the client’s metadata back into the port’s, leaving out access control', () => {
    expect(
      fromClientStreamMetadata({
        truncateBefore: 2,
        maxCount: 3,
        maxAge: 60,
        acl: { readRoles: ['$admins'] },
        cacheControl: 10,
        owner: 'ops',
      }),
    ).toEqual({ truncateBefore: 2, maxCount: 3, maxAgeSeconds: 60, owner: 'ops' });
    expect(fromClientStreamMetadata(undefined)).toEqual({});
  });
});

describe('EventStoreDB adapter: $all filters', () => {
  it('asks the server for one kind of filter, stream prefixes first', () => {
    expect(serverFilter({ streamPrefixes: ['cylinder-'], eventTypes: ['A'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['cylinder-'],
    });
    expect(serverFilter({ eventTypes: ['CylinderFilled', 'Trip.Created'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:CylinderFilled|Trip\\.Created)$',
    });
    expect(serverFilter()).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  it('applies the whole filter locally and never lets system events through', () => {
    const event = { ...recorded('cylinder-1', 0, 1), type: 'CylinderFilled' };
    const filter = { streamPrefixes: ['cylinder-'], eventTypes: ['CylinderFilled'] };

    expect(matchesFilter(event, filter)).toBe(true);
    expect(matchesFilter({ ...event, type: 'CylinderFilledTwice' }, filter)).toBe(false);
    expect(matchesFilter({ ...event, streamName: 'trip-1' }, filter)).toBe(false);
    expect(matchesFilter({ ...event, type: '$metadata' })).toBe(false);
    expect(matchesFilter({ ...event, streamName: '$$cylinder-1' })).toBe(false);
    expect(matchesFilter(event)).toBe(true);
  });
});

describe('EventStoreDB adapter: recognising a retried append', () => {
  const request = (
    streamName: string,
    count: number,
    expectedRevision: AppendRequest['expectedRevision'] = 'any',
  ) => ({
    streamName,
    expectedRevision,
    events: Array.from({ length: count }, (_, n) => ({
      id: randomUUID(),
      type: 'Numbered',
      data: { n },
    })),
  });
  const storedAs = (req: AppendRequest, firstRevision: number, firstPosition: number) =>
    req.events.map((event, i) => ({
      ...recorded(req.streamName, firstRevision + i, firstPosition + i),
      id: event.id,
      type: event.type,
      data: JSON.parse(JSON.stringify(event.data)) as unknown,
    }));

  it('finds nothing for new events', () => {
    const req = request('s', 2);
    expect(findRetriedAppend([req], [[recorded('s', 0, 5)]])).toBeUndefined();
    expect(findRetriedAppend([req], [[]])).toBeUndefined();
  });

  it('returns the original result when every event is stored as sent', () => {
    const trip = request('trip-2', 2, 'no_stream');
    const cylinder = request('cylinder-C', 1, 'no_stream');
    const tripStored = [...storedAs(trip, 0, 10), recorded('trip-2', 2, 50)];
    const cylinderStored = [recorded('cylinder-C', 0, 3), ...storedAs(cylinder, 1, 12)];

    expect(findRetriedAppend([trip, cylinder], [tripStored.reverse(), cylinderStored])).toEqual({
      streams: [
        { streamName: 'trip-2', nextExpectedRevision: 1 },
        { streamName: 'cylinder-C', nextExpectedRevision: 1 },
      ],
      position: at(12),
    });
  });

  it('refuses a partial overlap, also across the streams of one append', () => {
    const req = request('s', 2);
    expect(() => findRetriedAppend([req], [storedAs(req, 0, 1).slice(0, 1)])).toThrow(
      EventIdConflictError,
    );
    const other = request('t', 1);
    expect(() => findRetriedAppend([req, other], [storedAs(req, 0, 1), []])).toThrow(
      /only some events/,
    );
  });

  it('refuses ids stored with other content, in another order or apart', () => {
    const req = request('s', 2);
    const changed = storedAs(req, 0, 1);
    changed[1] = { ...changed[1], data: { n: 99 } };
    expect(() => findRetriedAppend([req], [changed])).toThrow(/different type or data/);

    const swapped = storedAs(req, 0, 1);
    [swapped[0].revision, swapped[1].revision] = [1, 0];
    expect(() => findRetriedAppend([req], [swapped])).toThrow(/different order/);

    const apart = storedAs(req, 0, 1);
    apart[1] = { ...apart[1], revision: 5 };
    expect(() => findRetriedAppend([req], [apart])).toThrow(/apart/);
  });

  it('compares data as JSON stores it', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, gone: undefined })).toBe(true);
    expect(
      sameJson({ at: '2026-11-26T08:00:00.000Z' }, { at: new Date('2026-11-26T08:00:00Z') }),
    ).toBe(true);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: null }, {})).toBe(false);
  });
});

describe('EventStoreDB adapter: subscription batches', () => {
  function fakeSource() {
    const stream = new PassThrough({ objectMode: true });
    const unsubscribe = jest.fn(async () => undefined);
    return { stream, source: Object.assign(stream, { unsubscribe }), unsubscribe };
  }

  function subscribe(
    source: ReturnType<typeof fakeSource>['source'],
    options: {
      after?: Position | 'start';
      batchSize?: number;
      handle: (events: RecordedEvent[]) => Promise<void>;
      onError?: (error: unknown) => void;
      lingerMs?: number;
    },
  ) {
    return new BatchingSubscription({
      source,
      after: options.after ?? 'start',
      batchSize: options.batchSize ?? 10,
      toEvent: (item) => item as RecordedEvent,
      comparePositions: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
      handle: options.handle,
      onError: options.onError,
      lingerMs: options.lingerMs ?? 5,
    });
  }

  it('delivers buffered events in batches, one batch at a time, each event once', async () => {
    const { stream, source, unsubscribe } = fakeSource();
    const events = Array.from({ length: 7 }, (_, n) => recorded('s', n, n + 1));
    const batches: number[][] = [];
    let inFlight = 0;
    let overlapped = false;
    const subscription = subscribe(source, {
      after: at(1),
      batchSize: 3,
      handle: async (batch) => {
        overlapped ||= inFlight > 0;
        inFlight += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        batches.push(batch.map((e) => e.revision));
        inFlight -= 1;
      },
    });

    // The first event is at the checkpoint and one comes twice: neither is delivered again.
    for (const event of [...events.slice(0, 4), events[3], ...events.slice(4)]) stream.write(event);
    await waitFor(() => batches.flat().length === 6);
    await subscription.stop();

    expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(batches.every((batch) => batch.length <= 3)).toBe(true);
    expect(overlapped).toBe(false);
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('gathers events arriving within a few milliseconds into one batch', async () => {
    const { stream, source } = fakeSource();
    const batches: RecordedEvent[][] = [];
    const subscription = subscribe(source, {
      batchSize: 10,
      lingerMs: 200,
      handle: async (b) => void batches.push(b),
    });

    stream.write(recorded('s', 0, 1));
    await new Promise((resolve) => setImmediate(resolve));
    stream.write(recorded('s', 1, 2));
    await waitFor(() => batches.length > 0);
    await subscription.stop();

    expect(batches.map((batch) => batch.length)).toEqual([2]);
  });

  it('stop() resolves only after the handler in flight has finished', async () => {
    const { stream, source } = fakeSource();
    let finished = false;
    let started = false;
    const subscription = subscribe(source, {
      handle: async () => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 30));
        finished = true;
      },
    });
    stream.write(recorded('s', 0, 1));
    await waitFor(() => started);

    await subscription.stop();

    expect(finished).toBe(true);
    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('stops when the handler throws and reports the error once', async () => {
    const { stream, source, unsubscribe } = fakeSource();
    const errors: unknown[] = [];
    let calls = 0;
    const subscription = subscribe(source, {
      batchSize: 1,
      handle: async () => {
        calls += 1;
        throw new Error('projection failed');
      },
      onError: (error) => errors.push(error),
    });
    for (let n = 0; n < 3; n++) stream.write(recorded('s', n, n + 1));

    await subscription.done;

    expect(calls).toBe(1);
    expect(errors).toEqual([new Error('projection failed')]);
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('reports a failing or ending server stream once, after delivering what came before', async () => {
    const failing = fakeSource();
    const errors: unknown[] = [];
    const seen: RecordedEvent[] = [];
    const subscription = subscribe(failing.source, {
      handle: async (batch) => void seen.push(...batch),
      onError: (error) => errors.push(error),
    });
    failing.stream.write(recorded('s', 0, 1));
    failing.stream.destroy(new Error('connection lost'));
    await subscription.done;
    expect(seen).toHaveLength(1);
    expect(errors).toEqual([new Error('connection lost')]);

    const ending = fakeSource();
    const endErrors: unknown[] = [];
    const ended = subscribe(ending.source, {
      handle: async () => undefined,
      onError: (error) => endErrors.push(error),
    });
    ending.stream.end();
    await ended.done;
    expect(endErrors).toHaveLength(1);
    expect((endErrors[0] as Error).message).toMatch(/ended/);
  });

  it('stops quietly when nothing arrives, and ignores the stream closing afterwards', async () => {
    const { stream, source } = fakeSource();
    const onError = jest.fn();
    const subscription = subscribe(source, { handle: async () => undefined, onError });

    await subscription.stop();
    stream.destroy(new Error('cancelled'));

    expect(onError).not.toHaveBeenCalled();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
