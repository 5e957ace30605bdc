import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideCompleteTrip } from '@oxyledger/domain';
import { TripOperationRunner, type TripOperationResult } from '../../trip-operation.runner';
import { CompleteTripCommand } from './complete-trip.command';

@CommandHandler(CompleteTripCommand)
export class CompleteTripHandler implements ICommandHandler<CompleteTripCommand> {
  constructor(private readonly trips: TripOperationRunner) {}

  execute({ tripId, missingSerials, context }: CompleteTripCommand): Promise<TripOperationResult> {
    return this.trips.run(
      tripId,
      context,
      (trip) => trip.onBoard.map((cylinder) => cylinder.serial),
      (trip, cylinders) =>
        decideCompleteTrip({ tripId, missingSerials, at: context.occurredAt }, trip, cylinders),
    );
  }
}
