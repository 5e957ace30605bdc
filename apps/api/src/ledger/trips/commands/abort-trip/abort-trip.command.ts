import type { CommandContext } from '../../../command-context';

/** Call a loaded trip off: what is on board goes back to a plant, or is declared missing. */
export class AbortTripCommand {
  constructor(
    readonly tripId: string,
    readonly abort: { reason: string; returnToFacilityId?: string; missingSerials: string[] },
    readonly context: CommandContext,
  ) {}
}
