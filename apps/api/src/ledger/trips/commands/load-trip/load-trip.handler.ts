import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideLoadTrip } from '@oxyledger/domain';
import { TripOperationRunner, type TripOperationResult } from '../../trip-operation.runner';
import { LoadTripCommand } from './load-trip.command';

@CommandHandler(LoadTripCommand)
export class LoadTripHandler implements ICommandHandler<LoadTripCommand> {
  constructor(private readonly trips: TripOperationRunner) {}

  execute({ tripId, serials, context }: LoadTripCommand): Promise<TripOperationResult> {
    return this.trips.run(
      tripId,
      context,
      () => serials,
      (trip, cylinders) =>
        decideLoadTrip({ tripId, serials, at: context.occurredAt }, trip, cylinders),
    );
  }
}
