import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { stockFilter } from '../../facility-stock.reader';
import { GovernorateStockReader } from '../../governorate-stock.reader';
import type { NationalStockView } from '../../stock.dto';
import { type StockRow, summarizeStock } from '../../stock-summary';
import { GetNationalStockQuery } from './get-national-stock.query';

/** Every cylinder in the country but the condemned: at facilities and on trucks. */
@QueryHandler(GetNationalStockQuery)
export class GetNationalStockHandler implements IQueryHandler<GetNationalStockQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly governorates: GovernorateStockReader,
  ) {}

  async execute({ filter }: GetNationalStockQuery): Promise<NationalStockView> {
    const where = stockFilter(filter);
    const rows = (await this.dataSource.query(
      `SELECT location_kind, size_code, status, sum(count) AS count,
              sum(oxygen_litres) AS oxygen_litres
       FROM app.stock WHERE ${where.where} GROUP BY location_kind, size_code, status`,
      where.params,
    )) as (StockRow & { location_kind: string })[];
    return {
      ...summarizeStock(rows),
      inTransit: summarizeStock(rows.filter((row) => row.location_kind === 'trip')),
      byGovernorate: await this.governorates.byGovernorate(filter),
    };
  }
}
