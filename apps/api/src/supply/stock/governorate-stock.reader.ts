import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GOVERNORATES } from '@oxyledger/network';
import { SqlFilter } from '../supply-scope';
import { stockFilter } from './facility-stock.reader';
import type { GovernorateStockView, StockFilterQuery } from './stock.dto';
import { type StockRow, summarizeStock } from './stock-summary';

/**
 * Stock per governorate: `app.stock` at facilities, summed by the facility's governorate (read
 * from the network at query time, so moving a facility needs no rebuild). Every configured
 * governorate is listed, empty ones too.
 */
@Injectable()
export class GovernorateStockReader {
  constructor(private readonly dataSource: DataSource) {}

  async byGovernorate(
    filter: Pick<StockFilterQuery, 'ownerId' | 'sizeCode' | 'status'> & { governorate?: string },
  ): Promise<GovernorateStockView[]> {
    const where = stockFilter(filter, new SqlFilter(), 's')
      .raw(`s.location_kind = 'facility'`)
      .add('f.governorate = ?', filter.governorate);
    const rows = (await this.dataSource.query(
      `SELECT f.governorate, s.size_code, s.status, sum(s.count) AS count,
              sum(s.oxygen_litres) AS oxygen_litres
       FROM app.stock s JOIN app.facilities f ON f.id = s.location_id
       WHERE ${where.where}
       GROUP BY f.governorate, s.size_code, s.status`,
      where.params,
    )) as (StockRow & { governorate: string })[];
    const facilities = (await this.dataSource.query(
      'SELECT governorate, count(*)::int AS facilities FROM app.facilities GROUP BY governorate',
    )) as { governorate: string; facilities: number }[];
    const names = filter.governorate ? [filter.governorate] : GOVERNORATES;
    return names.map((governorate) => ({
      governorate,
      facilities: facilities.find((row) => row.governorate === governorate)?.facilities ?? 0,
      ...summarizeStock(rows.filter((row) => row.governorate === governorate)),
    }));
  }
}
