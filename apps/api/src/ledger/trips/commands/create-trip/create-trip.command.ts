import type { CommandContext } from '../../../command-context';
import type { CreateTripDto } from './create-trip.dto';

export class CreateTripCommand {
  constructor(
    readonly trip: CreateTripDto & { tripId: string },
    readonly context: CommandContext,
  ) {}
}
