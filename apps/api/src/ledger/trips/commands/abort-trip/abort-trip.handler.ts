import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideAbortTrip } from '@oxyledger/domain';
import { NetworkService } from '@oxyledger/network';
import { LedgerStore } from '@oxyledger/ledger';
import { TripNotFoundError } from '../../trip-not-found.error';
import { TripOperationRunner, type TripOperationResult } from '../../trip-operation.runner';
import { AbortTripCommand } from './abort-trip.command';

@CommandHandler(AbortTripCommand)
export class AbortTripHandler implements ICommandHandler<AbortTripCommand> {
  constructor(
    private readonly trips: TripOperationRunner,
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async execute({ tripId, abort, context }: AbortTripCommand): Promise<TripOperationResult> {
    const { state } = await this.ledger.loadTrip(tripId);
    if (state.status === 'NOT_CREATED') throw new TripNotFoundError(tripId);
    const returnTo = await this.network.getFacility(abort.returnToFacilityId ?? state.origin.id);
    return this.trips.run(
      tripId,
      context,
      (trip) => trip.onBoard.map((cylinder) => cylinder.serial),
      (trip, cylinders) =>
        decideAbortTrip(
          {
            tripId,
            reason: abort.reason,
            returnTo: { id: returnTo.id, kind: returnTo.kind, supplierId: returnTo.supplierId },
            missingSerials: abort.missingSerials,
            at: context.occurredAt,
          },
          trip,
          cylinders,
        ),
    );
  }
}
