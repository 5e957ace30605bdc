import type { Position } from '../event-store.port';

/**
 * A point in EventStoreDB's `$all`: the commit and prepare positions of a record in the
 * transaction log. Only this file looks inside the opaque `Position` strings of this adapter.
 */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

/** Wide enough for any unsigned 64-bit position, so encoded positions also sort as strings. */
const DIGITS = 20;
const MAX_POSITION = 2n ** 64n - 1n;
const ENCODED = /^(\d{1,20}):(\d{1,20})$/;

export function encodePosition({ commit, prepare }: LogPosition): Position {
  for (const value of [commit, prepare]) {
    if (value < 0n || value > MAX_POSITION) {
      throw new RangeError(`Not a position in the EventStoreDB log: ${value}`);
    }
  }
  return `${pad(commit)}:${pad(prepare)}` as Position;
}

export function decodePosition(position: Position): LogPosition {
  const match = ENCODED.exec(position);
  if (!match) throw new TypeError(`Not a position of the EventStoreDB event store: '${position}'`);
  const decoded = { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
  if (decoded.commit > MAX_POSITION || decoded.prepare > MAX_POSITION) {
    throw new TypeError(`Not a position of the EventStoreDB event store: '${position}'`);
  }
  return decoded;
}

/** `$all` is ordered by commit position, then by prepare position within one commit. */
export function compareLogPositions(a: Position, b: Position): number {
  const left = decodePosition(a);
  const right = decodePosition(b);
  if (left.commit !== right.commit) return left.commit < right.commit ? -1 : 1;
  if (left.prepare === right.prepare) return 0;
  return left.prepare < right.prepare ? -1 : 1;
}

function pad(value: bigint): string {
  return value.toString().padStart(DIGITS, '0');
}
