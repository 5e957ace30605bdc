import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideUnloadTrip } from '@oxyledger/domain';
import { NetworkService } from '@oxyledger/network';
import { TripOperationRunner, type TripOperationResult } from '../../trip-operation.runner';
import { UnloadTripCommand } from './unload-trip.command';

@CommandHandler(UnloadTripCommand)
export class UnloadTripHandler implements ICommandHandler<UnloadTripCommand> {
  constructor(
    private readonly trips: TripOperationRunner,
    private readonly network: NetworkService,
  ) {}

  async execute(command: UnloadTripCommand): Promise<TripOperationResult> {
    const { tripId, serials, context } = command;
    const facility = await this.network.getFacility(command.facilityId);
    return this.trips.run(
      tripId,
      context,
      () => serials,
      (trip, cylinders) =>
        decideUnloadTrip(
          {
            tripId,
            serials,
            facility: { id: facility.id, kind: facility.kind, supplierId: facility.supplierId },
            at: context.occurredAt,
          },
          trip,
          cylinders,
        ),
    );
  }
}
