import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { reconcileTrip, type TripReconciliation } from '@oxyledger/read-models';
import { SqlFilter } from '../../../supply-scope';
import { TripReader } from '../../../trips/trip.reader';
import { ListFlaggedTripsQuery } from './list-flagged-trips.query';

@QueryHandler(ListFlaggedTripsQuery)
export class ListFlaggedTripsHandler implements IQueryHandler<ListFlaggedTripsQuery> {
  constructor(private readonly trips: TripReader) {}

  async execute({
    from,
    to,
    scope,
  }: ListFlaggedTripsQuery): Promise<{ items: TripReconciliation[] }> {
    const completed = await this.trips.records(
      scope,
      new SqlFilter()
        .raw(`status = 'COMPLETED' AND flagged`)
        .add('completed_at >= ?', from)
        .add('completed_at < ?', to),
    );
    return { items: completed.map(reconcileTrip).filter((trip) => trip.flagged) };
  }
}
