import type { RoutePlanEdit } from '@oxyledger/domain';
import type { CommandContext } from '../../../ledger/command-context';

/** A dispatcher moves a stop to another route (or another place) or drops it, before approval. */
export class EditRoutePlanCommand {
  constructor(
    readonly planId: string,
    readonly edit: RoutePlanEdit,
    readonly context: CommandContext,
  ) {}
}
