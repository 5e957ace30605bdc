import type { CommandContext } from '../../../command-context';

export class LoadTripCommand {
  constructor(
    readonly tripId: string,
    readonly serials: string[],
    readonly context: CommandContext,
  ) {}
}
