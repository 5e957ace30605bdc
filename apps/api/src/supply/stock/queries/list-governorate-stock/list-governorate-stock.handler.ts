import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GovernorateStockReader } from '../../governorate-stock.reader';
import type { GovernorateStockList } from '../../stock.dto';
import { ListGovernorateStockQuery } from './list-governorate-stock.query';

@QueryHandler(ListGovernorateStockQuery)
export class ListGovernorateStockHandler implements IQueryHandler<ListGovernorateStockQuery> {
  constructor(private readonly governorates: GovernorateStockReader) {}

  async execute({ filter }: ListGovernorateStockQuery): Promise<GovernorateStockList> {
    return { items: await this.governorates.byGovernorate(filter) };
  }
}
