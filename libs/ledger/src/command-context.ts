import type { Actor } from '@oxyledger/event-store';

/**
 * Who asks, when, and what it belongs to: recorded in the metadata of every event a command
 * writes. `occurredAt` is the device's clock (the client may send it: a driver's phone queues
 * confirmations offline); the ledger adds its own `recordedAt`.
 */
export interface CommandContext<A extends Actor = Actor> {
  actor: A;
  occurredAt: string;
  /** The trip, plan or request the command belongs to. */
  correlationId: string;
  /** The request that caused the events. */
  causationId: string;
}
