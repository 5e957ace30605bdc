import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideRoutePlan,
  decideTrip,
  InvalidCommand,
  initialTripState,
  tripStreamName,
} from '@oxyledger/domain';
import { assertMayActForSupplier } from '../../../access/authorization';
import { LedgerStore } from '../../../ledger/ledger-store';
import { NetworkService } from '../../../network/network.service';
import { loadRoutePlan } from '../route-plan.loader';
import { DecideRoutePlanCommand } from './decide-route-plan.command';

export interface RoutePlanDecision {
  planId: string;
  status: 'approved' | 'rejected';
  trips: { routeId: string; tripId: string }[];
}

/**
 * Approving writes `RoutePlanApproved` and one `TripCreated` per route in a single atomic append,
 * expecting the plan stream at the revision read: of two approvals at once, one wins and the
 * other meets an approved plan (409). Rejecting records the reason.
 */
@CommandHandler(DecideRoutePlanCommand)
export class DecideRoutePlanHandler implements ICommandHandler<DecideRoutePlanCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
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
      const tripStreams = routes.map((route, k) => {
        if (!route.driverId) {
          throw new InvalidCommand(
            `routes[${k}].driverId`,
            `must name a driver before approval (route ${route.routeId})`,
          );
        }
        return {
          streamName: tripStreamName(trips[k].tripId),
          events: decideTrip(
            {
              type: 'CreateTrip',
              data: {
                tripId: trips[k].tripId,
                at,
                origin: { id: route.originFacilityId, kind: 'producer' },
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
        };
      });
      await this.ledger.append(
        [{ streamName, events: planEvents }, ...tripStreams],
        revisions,
        withContext,
      );
      return { planId, status: 'approved', trips };
    });
  }
}
