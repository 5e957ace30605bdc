import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlFilter } from '../supply-scope';
import type { StockFilterQuery } from './stock.dto';
import { type StockRow, summarizeStock, type StockSummary } from './stock-summary';

export interface FacilityRow {
  id: string;
  name: string;
  kind: string;
  governorate: string;
}

/** Sums `app.stock` per facility, for the facilities given, under the stock filters. */
@Injectable()
export class FacilityStockReader {
  constructor(private readonly dataSource: DataSource) {}

  async stockOf(
    facilityIds: readonly string[],
    filter: Pick<StockFilterQuery, 'ownerId' | 'sizeCode' | 'status'>,
  ): Promise<Map<string, StockSummary>> {
    const where = stockFilter(filter)
      .raw(`location_kind = 'facility'`)
      .add('location_id = ANY(?)', [...facilityIds]);
    const rows = (await this.dataSource.query(
      `SELECT location_id, size_code, status, sum(count) AS count,
              sum(oxygen_litres) AS oxygen_litres
       FROM app.stock WHERE ${where.where}
       GROUP BY location_id, size_code, status`,
      where.params,
    )) as (StockRow & { location_id: string })[];
    const byFacility = new Map<string, StockRow[]>(facilityIds.map((id) => [id, []]));
    for (const row of rows) byFacility.get(row.location_id)?.push(row);
    return new Map([...byFacility].map(([id, stock]) => [id, summarizeStock(stock)]));
  }
}

/** The owner / size / status filters on `app.stock` (or `app.cylinder_states`). */
export function stockFilter(
  filter: Pick<StockFilterQuery, 'ownerId' | 'sizeCode' | 'status'>,
  into = new SqlFilter(),
  tableAlias?: string,
): SqlFilter {
  const column = (name: string) => (tableAlias ? `${tableAlias}.${name}` : name);
  return into
    .add(`${column('owner_id')} = ?`, filter.ownerId)
    .add(`${column('size_code')} = ?`, filter.sizeCode)
    .add(`${column('status')} = ?`, filter.status);
}
