import type { CommandContext } from '../../../ledger/command-context';

/** A dispatcher's decision on a proposed plan: approve it (creating its trips) or reject it. */
export class DecideRoutePlanCommand {
  constructor(
    readonly planId: string,
    readonly decision: { type: 'approve' } | { type: 'reject'; reason: string },
    readonly context: CommandContext,
  ) {}
}
