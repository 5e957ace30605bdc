import { randomUUID } from 'node:crypto';
import type { Actor } from '../access/actor';
import { currentRequestId } from '../observability/request-id';

/**
 * Who asks, when, and what it belongs to: recorded in the metadata of every event a command
 * writes. `occurredAt` is the device's clock (the client may send it: a driver's phone queues
 * confirmations offline); the ledger adds its own `recordedAt`.
 */
export interface CommandContext {
  actor: Actor;
  occurredAt: string;
  /** The trip, plan or request the command belongs to. */
  correlationId: string;
  /** The request that caused the events. */
  causationId: string;
}

export function commandContext(
  actor: Actor,
  options: { occurredAt?: string; correlationId?: string; requestId?: string } = {},
): CommandContext {
  // The HTTP request's id (X-Request-Id) when there is one: logs and events then share it.
  const causationId = options.requestId ?? currentRequestId() ?? randomUUID();
  return {
    actor,
    occurredAt: options.occurredAt ?? new Date().toISOString(),
    correlationId: options.correlationId ?? causationId,
    causationId,
  };
}
