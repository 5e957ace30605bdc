import type { SupplyScope } from '../../../supply-scope';

export class GetTripReconciliationQuery {
  constructor(
    readonly tripId: string,
    readonly scope: SupplyScope,
  ) {}
}
