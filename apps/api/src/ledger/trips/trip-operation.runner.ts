import { Injectable } from '@nestjs/common';
import {
  type CylinderStates,
  evolveTrip,
  isTripClosed,
  releaseVehicle,
  type StreamEvents,
  type Trip,
  type TripOperationDecision,
  type TripState,
  vehicleBookingStreamName,
} from '@oxyledger/domain';
import { assertMayActOnTrip } from '../../access/authorization';
import { NetworkService } from '@oxyledger/network';
import type { CommandContext } from '../command-context';
import { LedgerStore, type ReadRevisions } from '@oxyledger/ledger';
import { TripNotFoundError } from './trip-not-found.error';

export interface TripOperationResult {
  tripId: string;
  status: string;
  position?: string;
}

/**
 * What every command on a running trip does: load the trip and its cylinders, check the actor
 * may act on this trip, decide, and append the trip's and the cylinders' events at once — again
 * against fresh state if another command wrote first. A command that closes the trip (complete,
 * cancel, abort) frees its vehicle in the same append.
 */
@Injectable()
export class TripOperationRunner {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async run(
    tripId: string,
    context: CommandContext,
    serialsOf: (trip: Trip) => string[],
    decide: (trip: TripState, cylinders: CylinderStates) => TripOperationDecision,
  ): Promise<TripOperationResult> {
    return this.ledger.withRetryOnConflict(async () => {
      const loaded = await this.ledger.loadTrip(tripId);
      if (loaded.state.status === 'NOT_CREATED') throw new TripNotFoundError(tripId);
      const trip = loaded.state;
      const vehicle = await this.network.findVehicle(trip.vehicleId);
      assertMayActOnTrip(context.actor, {
        driverUserId: trip.driverId,
        supplierId: trip.supplierId ?? vehicle?.supplierId,
      });
      const { states, revisions } = await this.ledger.loadCylinders(serialsOf(trip));
      const decision = decide(trip, states);
      for (const [stream, revision] of loaded.revisions) revisions.set(stream, revision);
      const after = decision.events.trip.reduce(evolveTrip, trip);
      const release =
        after.status !== 'NOT_CREATED' && isTripClosed(after)
          ? await this.vehicleRelease(after, context, revisions)
          : [];
      const position = await this.ledger.append(
        [...decision.streams, ...release],
        revisions,
        context,
      );
      return { tripId, status: after.status, position };
    });
  }

  private async vehicleRelease(
    trip: Trip,
    context: CommandContext,
    revisions: ReadRevisions,
  ): Promise<StreamEvents[]> {
    const streamName = vehicleBookingStreamName(trip.vehicleId);
    const booking = await this.ledger.loadVehicleBooking(trip.vehicleId);
    revisions.set(streamName, booking.revision);
    const outcome =
      trip.status === 'CANCELLED'
        ? 'cancelled'
        : trip.status === 'ABORTED'
          ? 'aborted'
          : 'completed';
    const events = releaseVehicle(booking.state, {
      vehicleId: trip.vehicleId,
      tripId: trip.tripId,
      outcome,
      at: context.occurredAt,
    });
    return [{ streamName, events }];
  }
}
