import type { CommandContext } from '../../../command-context';

export class UnloadTripCommand {
  constructor(
    readonly tripId: string,
    readonly facilityId: string,
    readonly serials: string[],
    readonly context: CommandContext,
  ) {}
}
