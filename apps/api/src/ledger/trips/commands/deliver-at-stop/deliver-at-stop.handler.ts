import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideDeliverAtStop } from '@oxyledger/domain';
import { TripOperationRunner, type TripOperationResult } from '../../trip-operation.runner';
import { DeliverAtStopCommand } from './deliver-at-stop.command';

@CommandHandler(DeliverAtStopCommand)
export class DeliverAtStopHandler implements ICommandHandler<DeliverAtStopCommand> {
  constructor(private readonly trips: TripOperationRunner) {}

  execute({ tripId, stop, context }: DeliverAtStopCommand): Promise<TripOperationResult> {
    return this.trips.run(
      tripId,
      context,
      () => [...stop.delivered, ...stop.collected],
      (trip, cylinders) =>
        decideDeliverAtStop({ tripId, ...stop, at: context.occurredAt }, trip, cylinders),
    );
  }
}
