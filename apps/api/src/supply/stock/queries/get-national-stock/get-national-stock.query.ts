import type { StockFilterQuery } from '../../stock.dto';

export class GetNationalStockQuery {
  constructor(readonly filter: Pick<StockFilterQuery, 'ownerId' | 'sizeCode' | 'status'>) {}
}
