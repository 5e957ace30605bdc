import type { CommandContext } from '../../../ledger/command-context';

/** Acknowledge (optional note) or resolve (with a note) an open alert. */
export class HandleAlertCommand {
  constructor(
    readonly alertId: string,
    readonly action:
      { type: 'AcknowledgeAlert'; note?: string } | { type: 'ResolveAlert'; note: string },
    readonly context: CommandContext,
  ) {}
}
