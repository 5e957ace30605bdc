import { HttpStatus } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { NetworkService } from '@oxyledger/network';
import { FacilityStockReader, stockFilter } from '../../facility-stock.reader';
import type { FacilityStockView } from '../../stock.dto';
import { type StockRow, summarizeStock } from '../../stock-summary';
import { GetFacilityStockQuery } from './get-facility-stock.query';

export class FutureInstantError extends Error {
  readonly httpStatus = HttpStatus.BAD_REQUEST;
  readonly code = 'stock.at-in-future';
  constructor(at: string) {
    super(`at (${at}) is in the future: stock can be recomputed for past instants only`);
  }
}

@QueryHandler(GetFacilityStockQuery)
export class GetFacilityStockHandler implements IQueryHandler<GetFacilityStockQuery> {
  constructor(
    private readonly network: NetworkService,
    private readonly stock: FacilityStockReader,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ facilityId, filter, at }: GetFacilityStockQuery): Promise<FacilityStockView> {
    const facility = await this.network.getFacility(facilityId);
    const header = {
      facilityId: facility.id,
      name: facility.name,
      kind: facility.kind,
      governorate: facility.governorate,
    };
    if (at === undefined) {
      const stock = await this.stock.stockOf([facility.id], filter);
      return { ...header, source: 'read-model', ...stock.get(facility.id)! };
    }
    const instant = new Date(at);
    if (instant.getTime() > Date.now()) throw new FutureInstantError(at);
    return {
      ...header,
      at: instant.toISOString(),
      source: 'stock-movements',
      ...(await this.stockAt(facility.id, instant, filter)),
    };
  }

  /**
   * Sums the facility's `app.stock_movements` up to `at`: each change of its stock by the
   * instant it happened (the event's `at`), so the answer is the stock as the ledger had it
   * then, read from a few rows per day instead of a replay of every cylinder seen there.
   */
  private async stockAt(facilityId: string, at: Date, filter: GetFacilityStockQuery['filter']) {
    const where = stockFilter(filter)
      .add('facility_id = ?', facilityId)
      .add('at <= ?', at.toISOString());
    const rows = (await this.dataSource.query(
      `SELECT size_code, status, sum(count)::int AS count, sum(oxygen_litres) AS oxygen_litres
       FROM app.stock_movements WHERE ${where.where}
       GROUP BY size_code, status HAVING sum(count) <> 0 OR sum(oxygen_litres) <> 0`,
      where.params,
    )) as StockRow[];
    return summarizeStock(rows);
  }
}
