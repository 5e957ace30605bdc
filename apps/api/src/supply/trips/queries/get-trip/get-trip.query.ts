import type { SupplyScope } from '../../../supply-scope';

export class GetTripQuery {
  constructor(
    readonly tripId: string,
    readonly scope: SupplyScope,
  ) {}
}
