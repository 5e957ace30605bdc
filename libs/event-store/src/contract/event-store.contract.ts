import { randomUUID } from 'node:crypto';
import {
  EventIdConflictError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../event-store.errors';
import type {
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Position,
  RecordedEvent,
} from '../event-store.port';

export interface EventStoreHarness {
  store: EventStore;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Where the adapter supports it: hold each append's transaction open up to this long. */
  maxCommitDelayMs?: number;
}

/**
 * The behaviour every EventStore adapter must have. Each test works in streams of its own
 * (a fresh prefix), so the suite runs against a shared, non-empty store.
 */
export function describeEventStoreContract(
  adapterName: string,
  createHarness: (options?: HarnessOptions) => Promise<EventStoreHarness>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let harness: EventStoreHarness;
    let store: EventStore;
    let prefix: string;
    const stream = (name: string) => `${prefix}${name}`;

    beforeAll(async () => {
      harness = await createHarness();
      store = harness.store;
    });
    afterAll(() => harness?.close());
    beforeEach(() => {
      prefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}-`;
    });

    describe('append and read a stream', () => {
      it('numbers events from revision 0 and reads them back with their metadata', async () => {
        const events = [
          event('CylinderRegistered', { serial: 'A1' }),
          event('CylinderFilled', { lot: 'L7' }),
        ];
        events[0].metadata = {
          occurredAt: '2026-11-26T08:00:00.000Z',
          correlationId: 'trip-1',
          causationId: 'request-1',
          actor: { userId: 'u1', role: 'producer', facilityId: 'plant-1' },
        };

        const result = await store.appendToStream(stream('cylinder-A1'), events, 'no_stream');

        expect(result.streams).toEqual([
          { streamName: stream('cylinder-A1'), nextExpectedRevision: 1 },
        ]);
        const read = await store.readStream(stream('cylinder-A1'));
        expect(read.map((e) => [e.id, e.type, e.revision, e.data])).toEqual([
          [events[0].id, 'CylinderRegistered', 0, { serial: 'A1' }],
          [events[1].id, 'CylinderFilled', 1, { lot: 'L7' }],
        ]);
        expect(read[0].metadata).toMatchObject(events[0].metadata!);
        expect(read[0].recordedAt).toBeInstanceOf(Date);
        expect(Math.abs(read[0].recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
        expect(read[1].position).toBe(result.position);
        expect(await store.streamRevision(stream('cylinder-A1'))).toBe(1);
      });

      it('reads nothing from a stream that does not exist', async () => {
        expect(await store.readStream(stream('nobody'))).toEqual([]);
        expect(await store.streamRevision(stream('nobody'))).toBeUndefined();
      });

      it('reads forwards and backwards from a revision with a limit', async () => {
        await appendNumbered(store, stream('s'), 10);

        const forwards = await store.readStream(stream('s'), { fromRevision: 3, maxCount: 4 });
        expect(forwards.map((e) => e.revision)).toEqual([3, 4, 5, 6]);
        const backwards = await store.readStream(stream('s'), {
          direction: 'backwards',
          fromRevision: 6,
          maxCount: 3,
        });
        expect(backwards.map((e) => e.revision)).toEqual([6, 5, 4]);
        const fromEnd = await store.readStream(stream('s'), {
          direction: 'backwards',
          maxCount: 2,
        });
        expect(fromEnd.map((e) => e.revision)).toEqual([9, 8]);
        const all = await store.readStream(stream('s'));
        expect(all.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      });

      it('reads several streams at once, each as readStream reads it', async () => {
        await appendNumbered(store, stream('cylinder-M1'), 3);
        await appendNumbered(store, stream('cylinder-M2'), 1);
        await appendNumbered(store, stream('cylinder-M3'), 2);

        const read = await store.readStreams([
          stream('cylinder-M2'),
          stream('cylinder-M1'),
          stream('cylinder-none'),
          stream('cylinder-M2'),
        ]);

        expect([...read.keys()].sort()).toEqual(
          [stream('cylinder-M1'), stream('cylinder-M2'), stream('cylinder-none')].sort(),
        );
        expect(read.get(stream('cylinder-M1'))).toEqual(
          await store.readStream(stream('cylinder-M1')),
        );
        expect(read.get(stream('cylinder-M1'))!.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read.get(stream('cylinder-M2'))!.map((e) => e.revision)).toEqual([0]);
        expect(read.get(stream('cylinder-none'))).toEqual([]);
        expect(await store.readStreams([])).toEqual(new Map());
      });

      it('refuses malformed appends without writing', async () => {
        await expect(
          store.appendToStream(stream('bad'), [{ id: 'not-a-uuid', type: 'X', data: {} }], 'any'),
        ).rejects.toThrow(InvalidAppendError);
        await expect(store.appendToStream(stream('bad'), [], 'any')).rejects.toThrow(
          InvalidAppendError,
        );
        await expect(
          store.appendToStream(stream('bad'), [event('X')], -2 as ExpectedRevision),
        ).rejects.toThrow(InvalidAppendError);
        const twice = event('X');
        await expect(store.appendToStream(stream('bad'), [twice, twice], 'any')).rejects.toThrow(
          InvalidAppendError,
        );
        expect(await store.readStream(stream('bad'))).toEqual([]);
      });
    });

    describe('expected revision', () => {
      const cases: [ExpectedRevision, 'missing' | 'at 1', 'ok' | number | 'no_stream'][] = [
        ['any', 'missing', 'ok'],
        ['any', 'at 1', 'ok'],
        ['no_stream', 'missing', 'ok'],
        ['no_stream', 'at 1', 1],
        ['stream_exists', 'missing', 'no_stream'],
        ['stream_exists', 'at 1', 'ok'],
        [1, 'at 1', 'ok'],
        [0, 'at 1', 1],
        [5, 'at 1', 1],
        [0, 'missing', 'no_stream'],
      ];

      it.each(cases)('%s on a stream %s → %s', async (expected, existing, outcome) => {
        const name = stream('cylinder-X');
        if (existing === 'at 1') await appendNumbered(store, name, 2);
        const before = await store.readStream(name);

        const attempt = store.appendToStream(name, [event('CylinderFilled')], expected);

        if (outcome === 'ok') {
          const result = await attempt;
          expect(result.streams[0].nextExpectedRevision).toBe(before.length);
          expect(await store.readStream(name)).toHaveLength(before.length + 1);
        } else {
          const error = await attempt.catch((e: unknown) => e);
          expect(error).toBeInstanceOf(WrongExpectedVersionError);
          expect(error).toMatchObject({
            streamName: name,
            expectedRevision: expected,
            actualRevision: outcome,
          });
          expect(await store.readStream(name)).toEqual(before);
        }
      });
    });

    describe('idempotent appends', () => {
      it('returns the original result for a retry, whatever its expected revision, and writes nothing', async () => {
        const name = stream('cylinder-I');
        const first = [event('CylinderRegistered'), event('CylinderFilled')];
        const original = await store.appendToStream(name, first, 'no_stream');
        await store.appendToStream(name, [event('CylinderLoaded')], 1);

        for (const expected of ['no_stream', 'any', 'stream_exists', 0, 7] as ExpectedRevision[]) {
          const retried = await store.appendToStream(name, first, expected);
          expect(retried).toEqual(original);
        }
        expect((await store.readStream(name)).map((e) => e.type)).toEqual([
          'CylinderRegistered',
          'CylinderFilled',
          'CylinderLoaded',
        ]);
      });

      it('refuses a partial overlap with stored events and writes nothing', async () => {
        const name = stream('cylinder-P');
        const stored = event('CylinderRegistered');
        await store.appendToStream(name, [stored], 'no_stream');

        await expect(
          store.appendToStream(name, [stored, event('CylinderFilled')], 'any'),
        ).rejects.toThrow(EventIdConflictError);
        expect(await store.readStream(name)).toHaveLength(1);
      });

      it('refuses an id reused with different content or in another stream', async () => {
        const stored = event('CylinderRegistered', { serial: 'S1' });
        await store.appendToStream(stream('cylinder-S1'), [stored], 'no_stream');

        await expect(
          store.appendToStream(
            stream('cylinder-S1'),
            [{ ...stored, data: { serial: 'S2' } }],
            'any',
          ),
        ).rejects.toThrow(EventIdConflictError);
        await expect(store.appendToStream(stream('cylinder-S2'), [stored], 'any')).rejects.toThrow(
          EventIdConflictError,
        );
        expect(await store.readStream(stream('cylinder-S1'))).toHaveLength(1);
        expect(await store.readStream(stream('cylinder-S2'))).toEqual([]);
      });
    });

    describe('atomic multi-stream append', () => {
      it('writes every stream of a manifold fill in one append', async () => {
        const serials = Array.from({ length: 60 }, (_, i) => `M${i}`);
        for (const serial of serials) {
          await store.appendToStream(
            stream(`cylinder-${serial}`),
            [event('CylinderRegistered')],
            'no_stream',
          );
        }

        const result = await store.appendToStreams(
          serials.map((serial) => ({
            streamName: stream(`cylinder-${serial}`),
            events: [event('CylinderFilled', { serial })],
            expectedRevision: 0,
          })),
        );

        expect(result.streams.map((s) => s.streamName)).toEqual(
          serials.map((s) => stream(`cylinder-${s}`)),
        );
        expect(result.streams.every((s) => s.nextExpectedRevision === 1)).toBe(true);
        for (const serial of serials) {
          const events = await store.readStream(stream(`cylinder-${serial}`));
          expect(events.map((e) => e.type)).toEqual(['CylinderRegistered', 'CylinderFilled']);
        }
        // the log shows them once no older transaction (another test's) is still open
        const filled = await readAllOf(store, prefix, { eventTypes: ['CylinderFilled'] }, 60);
        expect(filled).toHaveLength(60);
        expect(filled[59].position).toBe(result.position);
      });

      it('writes nothing when one stream is not at its expected revision', async () => {
        await store.appendToStream(stream('trip-1'), [event('TripCreated')], 'no_stream');
        await store.appendToStream(
          stream('cylinder-B'),
          [event('CylinderRegistered')],
          'no_stream',
        );

        const error = await store
          .appendToStreams([
            { streamName: stream('trip-1'), events: [event('TripLoaded')], expectedRevision: 0 },
            {
              streamName: stream('cylinder-A'),
              events: [event('CylinderLoaded')],
              expectedRevision: 'any',
            },
            {
              streamName: stream('cylinder-B'),
              events: [event('CylinderLoaded')],
              expectedRevision: 3,
            },
          ])
          .catch((e: unknown) => e);

        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({
          streamName: stream('cylinder-B'),
          expectedRevision: 3,
          actualRevision: 0,
        });
        expect(await store.readStream(stream('trip-1'))).toHaveLength(1);
        expect(await store.readStream(stream('cylinder-A'))).toEqual([]);
        expect(await store.readStream(stream('cylinder-B'))).toHaveLength(1);
      });

      it('returns the original result when a multi-stream append is retried', async () => {
        const requests = [
          {
            streamName: stream('trip-2'),
            events: [event('TripCreated'), event('TripLoaded')],
            expectedRevision: 'no_stream' as const,
          },
          {
            streamName: stream('cylinder-C'),
            events: [event('CylinderLoaded')],
            expectedRevision: 'no_stream' as const,
          },
        ];
        const original = await store.appendToStreams(requests);
        const retried = await store.appendToStreams(requests);
        expect(retried).toEqual(original);
        expect(await readAllOf(store, prefix, {}, 3)).toHaveLength(3);
      });
    });

    describe('reading the global log', () => {
      it('reads forwards after a position, filtered by category and event type', async () => {
        await store.appendToStream(
          stream('cylinder-1'),
          [event('CylinderRegistered'), event('CylinderFilled')],
          'any',
        );
        await store.appendToStream(stream('trip-1'), [event('TripCreated')], 'any');
        await store.appendToStream(stream('cylinder-2'), [event('CylinderRegistered')], 'any');

        const all = await readAllOf(store, prefix, {}, 4);
        expect(all.map((e) => `${e.streamName.slice(prefix.length)}:${e.type}`)).toEqual([
          'cylinder-1:CylinderRegistered',
          'cylinder-1:CylinderFilled',
          'trip-1:TripCreated',
          'cylinder-2:CylinderRegistered',
        ]);
        expectStrictlyIncreasing(
          store,
          all.map((e) => e.position),
        );

        const cylinders = await readAllOf(store, stream('cylinder-'));
        expect(cylinders.map((e) => e.type)).toEqual([
          'CylinderRegistered',
          'CylinderFilled',
          'CylinderRegistered',
        ]);

        const registered = await store.readAll({
          filter: { streamPrefixes: [stream('cylinder-')], eventTypes: ['CylinderRegistered'] },
          after: all[0].position,
          maxCount: 10,
        });
        expect(registered.map((e) => e.streamName)).toEqual([stream('cylinder-2')]);

        const afterTrip = await store.readAll({
          filter: { streamPrefixes: [prefix] },
          after: all[2].position,
        });
        expect(afterTrip.map((e) => e.id)).toEqual([all[3].id]);

        const limited = await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 2 });
        expect(limited.map((e) => e.id)).toEqual([all[0].id, all[1].id]);
      });

      it('counts what a read would return, up to a limit, with when the first of them was recorded', async () => {
        await store.appendToStream(stream('cylinder-1'), [event('CylinderRegistered')], 'any');
        await store.appendToStream(stream('trip-1'), [event('TripCreated')], 'any');
        await store.appendToStream(
          stream('cylinder-2'),
          [event('CylinderRegistered'), event('CylinderFilled')],
          'any',
        );
        const cylinders = await readAllOf(store, stream('cylinder-'), {}, 3);

        const pending = await store.countAll({
          filter: { streamPrefixes: [stream('cylinder-')] },
          after: cylinders[0].position,
          limit: 10,
        });
        expect(pending).toEqual({ events: 2, oldestRecordedAt: cylinders[1].recordedAt });
        expect(
          await store.countAll({ filter: { streamPrefixes: [stream('cylinder-')] }, limit: 2 }),
        ).toEqual({ events: 2, oldestRecordedAt: cylinders[0].recordedAt });
        expect(
          await store.countAll({
            filter: { streamPrefixes: [prefix], eventTypes: ['TripCreated'] },
            limit: 10,
          }),
        ).toMatchObject({ events: 1 });
        expect(
          await store.countAll({
            filter: { streamPrefixes: [stream('cylinder-')] },
            after: cylinders[2].position,
            limit: 10,
          }),
        ).toEqual({ events: 0 });
      });
    });

    describe('catch-up subscriptions', () => {
      it('delivers past and new events once, in order, and resumes from a checkpoint', async () => {
        await appendNumbered(store, stream('s-1'), 5);
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({
          after: 'start',
          filter: { streamPrefixes: [prefix] },
          batchSize: 2,
          handle: async (events) => void seen.push(...events),
        });
        await appendNumbered(store, stream('s-2'), 3);
        await waitUntil(() => seen.length >= 8);
        await subscription.stop();

        expect(seen.map((e) => e.streamName.slice(prefix.length) + '@' + e.revision)).toEqual([
          's-1@0',
          's-1@1',
          's-1@2',
          's-1@3',
          's-1@4',
          's-2@0',
          's-2@1',
          's-2@2',
        ]);

        const checkpoint = seen[5].position;
        await appendNumbered(store, stream('s-3'), 1);
        const resumed: RecordedEvent[] = [];
        const again = store.subscribeToAll({
          after: checkpoint,
          filter: { streamPrefixes: [prefix] },
          handle: async (events) => void resumed.push(...events),
        });
        await waitUntil(() => resumed.length >= 3);
        await again.stop();
        expect(resumed.map((e) => e.id)).toEqual([
          seen[6].id,
          seen[7].id,
          (await store.readStream(stream('s-3')))[0].id,
        ]);
      });

      it('stops when its handler throws and reports the error once', async () => {
        await appendNumbered(store, stream('s'), 3);
        const errors: unknown[] = [];
        let calls = 0;
        const subscription = store.subscribeToAll({
          after: 'start',
          filter: { streamPrefixes: [prefix] },
          batchSize: 1,
          handle: async () => {
            calls += 1;
            throw new Error('projection failed');
          },
          onError: (error) => errors.push(error),
        });
        await subscription.done;
        expect(calls).toBe(1);
        expect(errors).toHaveLength(1);
        expect((errors[0] as Error).message).toBe('projection failed');
      });
    });

    describe('stream metadata', () => {
      it('hides events before truncate-before, beyond max-count and older than max-age', async () => {
        const name = stream('cylinder-T');
        await appendNumbered(store, name, 6);

        await store.setStreamMetadata(name, { truncateBefore: 2 });
        expect(await store.getStreamMetadata(name)).toMatchObject({ truncateBefore: 2 });
        expect((await store.readStream(name)).map((e) => e.revision)).toEqual([2, 3, 4, 5]);
        expect(
          (await store.readStream(name, { direction: 'backwards' })).map((e) => e.revision),
        ).toEqual([5, 4, 3, 2]);

        await store.setStreamMetadata(name, { maxCount: 3 });
        expect((await store.readStream(name)).map((e) => e.revision)).toEqual([3, 4, 5]);
        expect((await store.readStreams([name])).get(name)!.map((e) => e.revision)).toEqual([
          3, 4, 5,
        ]);

        await store.setStreamMetadata(name, {});
        expect(await store.readStream(name)).toHaveLength(6);

        await new Promise((resolve) => setTimeout(resolve, 2100));
        await store.appendToStream(name, [event('Fresh')], 5);
        await store.setStreamMetadata(name, { maxAgeSeconds: 1 });
        expect((await store.readStream(name)).map((e) => e.type)).toEqual(['Fresh']);
        expect((await store.readStreams([name])).get(name)!.map((e) => e.type)).toEqual(['Fresh']);
        // Writing continues from the real revision: hidden events still count.
        expect(await store.streamRevision(name)).toBe(6);
      });
    });

    describe('under concurrent writers', () => {
      let slowHarness: EventStoreHarness;
      beforeAll(async () => {
        slowHarness = await createHarness({ maxCommitDelayMs: 15 });
      });
      afterAll(() => slowHarness?.close());

      it('never loses, duplicates or reorders events while 8 writers commit out of order', async () => {
        const writers = 8;
        const appendsPerWriter = 120;
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll({
          after: 'start',
          filter: { streamPrefixes: [prefix] },
          handle: async (events) => void seen.push(...events),
        });

        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            const own = stream(`writer-${w}`);
            for (let i = 0; i < appendsPerWriter; i++) {
              const events = Array.from({ length: 1 + (i % 5) }, () => event('Written', { w, i }));
              if (i % 10 === 9) {
                // Every tenth append also writes to a stream all writers share.
                await slowHarness.store.appendToStreams([
                  { streamName: own, events, expectedRevision: 'any' },
                  {
                    streamName: stream('shared'),
                    events: [event('Shared', { w, i })],
                    expectedRevision: 'any',
                  },
                ]);
              } else {
                await slowHarness.store.appendToStream(own, events, 'any');
              }
            }
          }),
        );
        const expectedCount = writers * appendsPerWriter * 3 + writers * (appendsPerWriter / 10);
        // What was written, from its own streams: a read of the log would stop short of events
        // hidden behind other tests' transactions still open on a shared server.
        const written = await store.readStreams([
          ...Array.from({ length: writers }, (_, w) => stream(`writer-${w}`)),
          stream('shared'),
        ]);
        const final = [...written.values()]
          .flat()
          .sort((a, b) => store.comparePositions(a.position, b.position));
        expect(final).toHaveLength(expectedCount);
        await waitUntil(() => seen.length >= expectedCount, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await subscription.stop();

        expect(seen.map((e) => e.id)).toEqual(final.map((e) => e.id));
        expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
        expectStrictlyIncreasing(
          store,
          seen.map((e) => e.position),
        );
        const byStream = new Map<string, number[]>();
        for (const e of final)
          byStream.set(e.streamName, [...(byStream.get(e.streamName) ?? []), e.revision]);
        for (const [, revisions] of byStream) {
          expect(revisions).toEqual(revisions.map((_, i) => i));
        }
      });
    });
  });
}

export function event(type: string, data: Record<string, unknown> = {}): EventToAppend {
  return { id: randomUUID(), type, data };
}

async function appendNumbered(store: EventStore, streamName: string, count: number) {
  return store.appendToStream(
    streamName,
    Array.from({ length: count }, (_, n) => event('Numbered', { n })),
    'any',
  );
}

/**
 * Every event of the log under `streamPrefix`. With `atLeast`: read again (for up to 10 s) until
 * that many show, for a transaction open anywhere on a shared server (transaction ids are the
 * whole server's) holds newer events back from the log until it ends.
 */
async function readAllOf(
  store: EventStore,
  streamPrefix: string,
  filter: { eventTypes?: string[] } = {},
  atLeast = 0,
): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await readAllPages(store, streamPrefix, filter);
    if (result.length >= atLeast || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readAllPages(
  store: EventStore,
  streamPrefix: string,
  filter: { eventTypes?: string[] },
): Promise<RecordedEvent[]> {
  const result: RecordedEvent[] = [];
  let after: Position | 'start' = 'start';
  for (;;) {
    const page = await store.readAll({
      after,
      maxCount: 1000,
      filter: { streamPrefixes: [streamPrefix], ...filter },
    });
    result.push(...page);
    if (page.length < 1000) return result;
    after = page[page.length - 1].position;
  }
}

function expectStrictlyIncreasing(store: EventStore, positions: Position[]) {
  for (let i = 1; i < positions.length; i++) {
    if (store.comparePositions(positions[i - 1], positions[i]) >= 0) {
      throw new Error(
        `Positions not strictly increasing at ${i}: ${positions[i - 1]} then ${positions[i]}`,
      );
    }
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
