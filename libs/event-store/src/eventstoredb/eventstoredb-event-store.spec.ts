import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { WrongExpectedVersionError } from '../event-store.errors';
import type { Position } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  toStreamState,
  toWrongExpectedVersion,
} from './eventstoredb-mapping';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('eventstoredb', async () => {
    const store = await EventStoreDbEventStore.connect({ connectionString });
    return { store, close: () => store.close() };
  });
} else {
  console.warn(
    'EventStoreDB contract suite not run: set EVENTSTORE_CONNECTION_STRING (e.g. kurrentdb://127.0.0.1:2113?tls=false) to run it against a server; none can run on this machine.',
  );
  describe('EventStoreDB adapter against a server', () => {
    it.todo('runs the event store contract suite when EVENTSTORE_CONNECTION_STRING is set');
  });
}

describe('EventStoreDB adapter: translations', () => {
  it('round-trips positions and orders them by commit then prepare position', () => {
    const a = encodePosition({ commit: 10n, prepare: 10n });
    const b = encodePosition({ commit: 10n, prepare: 12n });
    const c = encodePosition({ commit: 9_007_199_254_740_993n, prepare: 1n });

    expect(decodePosition(c)).toEqual({ commit: 9_007_199_254_740_993n, prepare: 1n });
    expect(comparePositions(a, b)).toBeLessThan(0);
    expect(comparePositions(b, a)).toBeGreaterThan(0);
    expect(comparePositions(b, c)).toBeLessThan(0);
    expect(comparePositions(a, a)).toBe(0);
    expect(() => decodePosition('12/7' as Position)).toThrow(TypeError);
  });

  it('maps expected revisions to the client’s stream states', () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(toStreamState(41)).toBe(41n);
  });

  it('reports the server’s actual state in our WrongExpectedVersionError', () => {
    const existing = toWrongExpectedVersion('cylinder-A1', 3, 7n);
    expect(existing).toBeInstanceOf(WrongExpectedVersionError);
    expect(existing).toMatchObject({
      streamName: 'cylinder-A1',
      expectedRevision: 3,
      actualRevision: 7,
    });
    expect(toWrongExpectedVersion('cylinder-A1', 'stream_exists', NO_STREAM).actualRevision).toBe(
      'no_stream',
    );
  });
});
