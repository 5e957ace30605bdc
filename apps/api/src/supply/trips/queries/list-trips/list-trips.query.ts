import type { SupplyScope } from '../../../supply-scope';
import type { TripListQuery } from '../../trip-view.dto';

export class ListTripsQuery {
  constructor(
    readonly filter: TripListQuery,
    readonly scope: SupplyScope,
  ) {}
}
