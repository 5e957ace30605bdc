import type { SupplyScope } from '../../../supply-scope';

/** Completed trips in [from, to) that left cylinders unaccounted for. */
export class ListFlaggedTripsQuery {
  constructor(
    readonly from: Date,
    readonly to: Date,
    readonly scope: SupplyScope,
  ) {}
}
