import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TripReader } from '../../trip.reader';
import type { TripPage } from '../../trip-view.dto';
import { ListTripsQuery } from './list-trips.query';

/** Trips, latest planned first: drivers see theirs, facilities those from or to them. */
@QueryHandler(ListTripsQuery)
export class ListTripsHandler implements IQueryHandler<ListTripsQuery> {
  constructor(private readonly trips: TripReader) {}

  execute({ filter, scope }: ListTripsQuery): Promise<TripPage> {
    return this.trips.page(filter, scope);
  }
}
