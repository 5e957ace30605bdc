import type { Position } from '../event-store.port';

/**
 * A position in the PostgreSQL ledger is the pair (writing transaction id, global sequence
 * number). It is encoded as "xid/seq" and only this file looks inside.
 */
export interface PostgresLogPoint {
  transactionId: bigint;
  globalPosition: bigint;
}

export const LOG_START: PostgresLogPoint = { transactionId: 0n, globalPosition: 0n };

export function encodePosition(transactionId: string | bigint, globalPosition: string | bigint) {
  return `${transactionId}/${globalPosition}` as Position;
}

export function decodePosition(position: Position | 'start'): PostgresLogPoint {
  if (position === 'start') return LOG_START;
  const match = /^(\d+)\/(\d+)$/.exec(position);
  if (!match) throw new TypeError(`Not a position of the PostgreSQL event store: '${position}'`);
  return { transactionId: BigInt(match[1]), globalPosition: BigInt(match[2]) };
}

export function comparePostgresPositions(a: Position, b: Position): number {
  const left = decodePosition(a);
  const right = decodePosition(b);
  if (left.transactionId !== right.transactionId) {
    return left.transactionId < right.transactionId ? -1 : 1;
  }
  if (left.globalPosition === right.globalPosition) return 0;
  return left.globalPosition < right.globalPosition ? -1 : 1;
}
