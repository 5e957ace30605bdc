import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideTrip, tripStreamName } from '@oxyledger/domain';
import { assertMayActForSupplier } from '../../../../access/authorization';
import { NetworkService } from '../../../../network/network.service';
import { LedgerStore } from '../../../ledger-store';
import type { TripOperationResult } from '../../trip-operation.runner';
import { CreateTripCommand } from './create-trip.command';

@CommandHandler(CreateTripCommand)
export class CreateTripHandler implements ICommandHandler<CreateTripCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async execute({ trip, context }: CreateTripCommand): Promise<TripOperationResult> {
    const vehicle = await this.network.getVehicle(trip.vehicleId);
    assertMayActForSupplier(context.actor, vehicle.supplierId);
    const origin = await this.network.getFacility(trip.originFacilityId);
    const stops = await Promise.all(trip.stops.map((id) => this.network.getFacility(id)));
    return this.ledger.withRetryOnConflict(async () => {
      const { state, revisions } = await this.ledger.loadTrip(trip.tripId);
      const events = decideTrip(
        {
          type: 'CreateTrip',
          data: {
            tripId: trip.tripId,
            at: context.occurredAt,
            origin: { id: origin.id, kind: origin.kind },
            vehicle: { id: vehicle.id, capacityBySize: { ...vehicle.capacity } },
            driverId: trip.driverUserId,
            stops: stops.map((stop) => ({ id: stop.id, kind: stop.kind })),
            plannedAt: trip.plannedAt,
          },
        },
        state,
      );
      const position = await this.ledger.append(
        [{ streamName: tripStreamName(trip.tripId), events }],
        revisions,
        { ...context, correlationId: trip.tripId },
      );
      return { tripId: trip.tripId, status: 'PLANNED', position };
    });
  }
}
