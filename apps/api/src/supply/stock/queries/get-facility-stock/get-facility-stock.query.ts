import type { StockFilterQuery } from '../../stock.dto';

/** One facility's stock now (from the read model) or at a past instant (from the ledger). */
export class GetFacilityStockQuery {
  constructor(
    readonly facilityId: string,
    readonly filter: Pick<StockFilterQuery, 'ownerId' | 'sizeCode' | 'status'>,
    readonly at?: string,
  ) {}
}
