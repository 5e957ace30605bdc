import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE } from '@oxyledger/network';
import { SqlFilter } from '../../../supply-scope';
import { FacilityStockReader, type FacilityRow } from '../../facility-stock.reader';
import type { FacilityStockPage } from '../../stock.dto';
import { ListFacilityStockQuery } from './list-facility-stock.query';

/**
 * Stock per facility (by size and status, with oxygen), one page of facilities at a time,
 * facilities with nothing in stock included: an empty hospital is what matters most.
 */
@QueryHandler(ListFacilityStockQuery)
export class ListFacilityStockHandler implements IQueryHandler<ListFacilityStockQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stock: FacilityStockReader,
  ) {}

  async execute({ filter }: ListFacilityStockQuery): Promise<FacilityStockPage> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? DEFAULT_PAGE_SIZE;
    const facilities = new SqlFilter()
      .add('id = ?', filter.facilityId)
      .add('kind = ?', filter.kind)
      .add('governorate = ?', filter.governorate);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM app.facilities WHERE ${facilities.where}`,
      facilities.params,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT id, name, kind, governorate FROM app.facilities WHERE ${facilities.where}
       ORDER BY governorate, name, id
       LIMIT ${facilities.param(pageSize)} OFFSET ${facilities.param((page - 1) * pageSize)}`,
      facilities.params,
    )) as FacilityRow[];
    const stock = await this.stock.stockOf(
      rows.map((row) => row.id),
      filter,
    );
    return {
      page,
      pageSize,
      total,
      items: rows.map((facility) => ({
        facilityId: facility.id,
        name: facility.name,
        kind: facility.kind,
        governorate: facility.governorate,
        source: 'read-model',
        ...stock.get(facility.id)!,
      })),
    };
  }
}
