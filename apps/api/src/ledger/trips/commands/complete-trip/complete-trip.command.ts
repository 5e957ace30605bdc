import type { CommandContext } from '../../../command-context';

export class CompleteTripCommand {
  constructor(
    readonly tripId: string,
    readonly missingSerials: string[],
    readonly context: CommandContext,
  ) {}
}
