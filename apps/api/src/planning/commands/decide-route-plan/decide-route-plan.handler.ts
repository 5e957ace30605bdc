import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  bookVehicle,
  checkTripAssignment,
  decideRoutePlan,
  decideTrip,
  InvalidCommand,
  type StreamEvents,
  initialTripState,
  tripStreamName,
  vehicleBookingStreamName,
} from '@oxyledger/domain';
import { assertMayActForSupplier } from '../../../access/authorization';
import { UsersService } from '../../../access/users/users.service';
import { LedgerStore } from '@oxyledger/ledger';
import { NetworkService } from '@oxyledger/network';
import { loadRoutePlan } from '@oxyledger/planner';
import { DecideRoutePlanCommand } from './decide-route-plan.command';

export interface RoutePlanDecision {
  planId: string;
  status: 'approved' | 'rejected';
  trips: { routeId: string; tripId: string }[];
}

/**
 * Approving writes `RoutePlanApproved`, one `TripCreated` per route and each route's truck
 * booking in a single atomic append, expecting the plan stream and the bookings at the revisions
 * read: of two approvals at once, one wins and the other meets an approved plan (409), and a truck
 * already out on another trip refuses the approval (409). Each trip obeys the same assignment
 * rules as one a dispatcher creates: the plant's supplier's own active truck and driver.
 * Rejecting records the reason.
 */
@CommandHandler(DecideRoutePlanCommand)
export class DecideRoutePlanHandler implements ICommandHandler<DecideRoutePlanCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
    private readonly users: UsersService,
  ) {}

  async execute({ planId, decision, context }: DecideRoutePlanCommand): Promise<RoutePlanDecision> {
    return this.ledger.withRetryOnConflict(async () => {
      const { streamName, state, revisions } = await loadRoutePlan(this.ledger, planId);
      const at = context.occurredAt;
      const routes = state.content?.routes ?? [];
      const vehicles = await Promise.all(
        routes.map((route) => this.network.getVehicle(route.vehicleId)),
      );
      vehicles.forEach((vehicle) => assertMayActForSupplier(context.actor, vehicle.supplierId));
      const withContext = { ...context, correlationId: planId };
      if (decision.type === 'reject') {
        const events = decideRoutePlan(
          { type: 'RejectRoutePlan', data: { planId, at, reason: decision.reason } },
          state,
        );
        await this.ledger.append([{ streamName, events }], revisions, withContext);
        return { planId, status: 'rejected', trips: [] };
      }
      const trips = routes.map((route) => ({ routeId: route.routeId, tripId: randomUUID() }));
      const planEvents = decideRoutePlan(
        { type: 'ApproveRoutePlan', data: { planId, at, trips } },
        state,
      );
      const tripStreams: StreamEvents[] = [];
      for (const [k, route] of routes.entries()) {
        if (!route.driverId) {
          throw new InvalidCommand(
            `routes[${k}].driverId`,
            `must name a driver before approval (route ${route.routeId})`,
          );
        }
        const [origin, driver] = await Promise.all([
          this.network.getFacility(route.originFacilityId),
          this.users.findEntityById(route.driverId),
        ]);
        const supplierId = checkTripAssignment({
          origin,
          vehicle: vehicles[k],
          driver: driver ?? undefined,
        });
        const { tripId } = trips[k];
        tripStreams.push({
          streamName: tripStreamName(tripId),
          events: decideTrip(
            {
              type: 'CreateTrip',
              data: {
                tripId,
                at,
                origin: { id: origin.id, kind: origin.kind },
                supplierId,
                vehicle: { id: route.vehicleId, capacityBySize: { ...vehicles[k].capacity } },
                driverId: route.driverId,
                stops: route.stops.map((stop) => ({
                  id: stop.facilityId,
                  kind: 'hospital' as const,
                })),
                plannedAt: route.departureAt,
              },
            },
            initialTripState(),
          ),
        });
        const bookingStream = vehicleBookingStreamName(route.vehicleId);
        const booking = await this.ledger.loadVehicleBooking(route.vehicleId);
        revisions.set(bookingStream, booking.revision);
        tripStreams.push({
          streamName: bookingStream,
          events: bookVehicle(booking.state, { vehicleId: route.vehicleId, tripId, at }),
        });
      }
      await this.ledger.append(
        [{ streamName, events: planEvents }, ...tripStreams],
        revisions,
        withContext,
      );
      return { planId, status: 'approved', trips };
    });
  }
}
