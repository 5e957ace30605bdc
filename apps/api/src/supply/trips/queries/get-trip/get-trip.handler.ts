import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TripNotFoundError } from '../../../../ledger/trips/trip-not-found.error';
import { TripReader } from '../../trip.reader';
import type { TripView } from '../../trip-view.dto';
import { GetTripQuery } from './get-trip.query';

/** One trip from the read model; a trip outside the reader's scope is not found for them. */
@QueryHandler(GetTripQuery)
export class GetTripHandler implements IQueryHandler<GetTripQuery> {
  constructor(private readonly trips: TripReader) {}

  async execute({ tripId, scope }: GetTripQuery): Promise<TripView> {
    const trip = await this.trips.find(tripId, scope);
    if (!trip) throw new TripNotFoundError(tripId);
    return trip;
  }
}
