import { randomUUID } from 'node:crypto';
import type { CommandContext as LedgerCommandContext } from '@oxyledger/ledger';
import type { Actor } from '../access/actor';
import { currentRequestId } from '../observability/request-id';

/** The ledger's command context, with the api's actor (role, facility, supplier). */
export type CommandContext = LedgerCommandContext<Actor>;

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
