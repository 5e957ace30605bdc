import {
  ANY,
  type AppendStreamState,
  type CurrentStreamState,
  NO_STREAM,
  STREAM_EXISTS,
} from '@kurrent/kurrentdb-client';
import { WrongExpectedVersionError } from '../event-store.errors';
import type { ExpectedRevision, Position } from '../event-store.port';

/** Pure translations between the port and the KurrentDB client; unit-tested without a server. */

export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

export function encodePosition({ commit, prepare }: LogPosition): Position {
  return `${commit}:${prepare}` as Position;
}

export function decodePosition(position: Position): LogPosition {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new TypeError(`Not a position of the EventStoreDB event store: '${position}'`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function comparePositions(a: Position, b: Position): number {
  const left = decodePosition(a);
  const right = decodePosition(b);
  if (left.commit !== right.commit) return left.commit < right.commit ? -1 : 1;
  if (left.prepare === right.prepare) return 0;
  return left.prepare < right.prepare ? -1 : 1;
}

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

export function fromCurrentState(actual: CurrentStreamState | undefined): number | 'no_stream' {
  return typeof actual === 'bigint' && actual >= 0n ? Number(actual) : 'no_stream';
}

export function toWrongExpectedVersion(
  streamName: string,
  expected: ExpectedRevision,
  actual: CurrentStreamState | undefined,
): WrongExpectedVersionError {
  return new WrongExpectedVersionError(streamName, expected, fromCurrentState(actual));
}
