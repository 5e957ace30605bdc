import type { CommandContext } from '../../../command-context';

/** Call a trip off before anything is loaded; its vehicle is free again. */
export class CancelTripCommand {
  constructor(
    readonly tripId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {}
}
