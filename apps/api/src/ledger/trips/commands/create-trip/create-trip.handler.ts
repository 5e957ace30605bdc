import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  bookVehicle,
  checkTripAssignment,
  decideTrip,
  tripStreamName,
  vehicleBookingStreamName,
} from '@oxyledger/domain';
import { assertMayActForSupplier } from '../../../../access/authorization';
import { UsersService } from '../../../../access/users/users.service';
import { NetworkService } from '@oxyledger/network';
import { LedgerStore } from '@oxyledger/ledger';
import type { TripOperationResult } from '../../trip-operation.runner';
import { CreateTripCommand } from './create-trip.command';

@CommandHandler(CreateTripCommand)
export class CreateTripHandler implements ICommandHandler<CreateTripCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
    private readonly users: UsersService,
  ) {}

  async execute({ trip, context }: CreateTripCommand): Promise<TripOperationResult> {
    const [vehicle, origin, driver] = await Promise.all([
      this.network.getVehicle(trip.vehicleId),
      this.network.getFacility(trip.originFacilityId),
      this.users.findEntityById(trip.driverUserId),
    ]);
    // a supplier's dispatcher neither uses nor names another supplier's plant, truck or driver
    assertMayActForSupplier(context.actor, origin.supplierId ?? undefined);
    assertMayActForSupplier(context.actor, vehicle.supplierId);
    if (driver?.supplierId) assertMayActForSupplier(context.actor, driver.supplierId);
    const supplierId = checkTripAssignment({
      origin,
      vehicle,
      driver: driver ?? undefined,
    });
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
            supplierId,
            vehicle: { id: vehicle.id, capacityBySize: { ...vehicle.capacity } },
            driverId: trip.driverUserId,
            stops: stops.map((stop) => ({ id: stop.id, kind: stop.kind })),
            plannedAt: trip.plannedAt,
          },
        },
        state,
      );
      const bookingStream = vehicleBookingStreamName(vehicle.id);
      const booking = await this.ledger.loadVehicleBooking(vehicle.id);
      revisions.set(bookingStream, booking.revision);
      const booked = bookVehicle(booking.state, {
        vehicleId: vehicle.id,
        tripId: trip.tripId,
        at: context.occurredAt,
      });
      const position = await this.ledger.append(
        [
          { streamName: tripStreamName(trip.tripId), events },
          { streamName: bookingStream, events: booked },
        ],
        revisions,
        { ...context, correlationId: trip.tripId },
      );
      return { tripId: trip.tripId, status: 'PLANNED', position };
    });
  }
}
