import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { reconcileTrip, type TripReconciliation } from '@oxyledger/read-models';
import { TripNotFoundError } from '../../../../ledger/trips/trip-not-found.error';
import { SqlFilter } from '../../../supply-scope';
import { TripReader } from '../../../trips/trip.reader';
import { GetTripReconciliationQuery } from './get-trip-reconciliation.query';

/** Loaded vs delivered vs collected vs unloaded for one trip, from the trips read model. */
@QueryHandler(GetTripReconciliationQuery)
export class GetTripReconciliationHandler implements IQueryHandler<GetTripReconciliationQuery> {
  constructor(private readonly trips: TripReader) {}

  async execute({ tripId, scope }: GetTripReconciliationQuery): Promise<TripReconciliation> {
    const [record] = await this.trips.records(scope, new SqlFilter().add('trip_id = ?', tripId));
    if (!record) throw new TripNotFoundError(tripId);
    return reconcileTrip(record);
  }
}
