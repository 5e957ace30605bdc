import type { GovernorateStockQuery } from '../../stock.dto';

export class ListGovernorateStockQuery {
  constructor(readonly filter: Omit<GovernorateStockQuery, 'page' | 'pageSize'>) {}
}
