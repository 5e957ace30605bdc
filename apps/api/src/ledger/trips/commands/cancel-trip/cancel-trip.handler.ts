import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideCancelTrip } from '@oxyledger/domain';
import { TripOperationRunner, type TripOperationResult } from '../../trip-operation.runner';
import { CancelTripCommand } from './cancel-trip.command';

@CommandHandler(CancelTripCommand)
export class CancelTripHandler implements ICommandHandler<CancelTripCommand> {
  constructor(private readonly trips: TripOperationRunner) {}

  execute({ tripId, reason, context }: CancelTripCommand): Promise<TripOperationResult> {
    return this.trips.run(
      tripId,
      context,
      () => [],
      (trip) => decideCancelTrip({ tripId, reason, at: context.occurredAt }, trip),
    );
  }
}
