import { randomUUID } from 'node:crypto';
import type { CommandContext as LedgerCommandContext } from '@oxyledger/ledger';
import type { Actor } from '../access/actor';

/** The ledger's command context, with the api's actor (role, facility, supplier). */
export type CommandContext = LedgerCommandContext<Actor>;

export function commandContext(
  actor: Actor,
  options: { occurredAt?: string; correlationId?: string; requestId?: string } = {},
): CommandContext {
  const causationId = options.requestId ?? randomUUID();
  return {
    actor,
    occurredAt: options.occurredAt ?? new Date().toISOString(),
    correlationId: options.correlationId ?? causationId,
    causationId,
  };
}
