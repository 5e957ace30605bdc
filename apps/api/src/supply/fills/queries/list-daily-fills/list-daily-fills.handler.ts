import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE } from '@oxyledger/network';
import { SqlFilter } from '../../../supply-scope';
import type { DailyFillsPage } from '../../daily-fills.dto';
import { ListDailyFillsQuery } from './list-daily-fills.query';

/** Fills per producer plant, UTC day and size, from the `daily_fills` read model. */
@QueryHandler(ListDailyFillsQuery)
export class ListDailyFillsHandler implements IQueryHandler<ListDailyFillsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListDailyFillsQuery): Promise<DailyFillsPage> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? DEFAULT_PAGE_SIZE;
    const where = new SqlFilter()
      .add('plant_id = ?', filter.plantId)
      .add('plant_id IN (SELECT id FROM app.facilities WHERE supplier_id = ?)', filter.ownerId)
      .add('day >= ?::date', filter.from)
      .add('day <= ?::date', filter.to)
      .add('size_code = ?', filter.sizeCode);
    const [totals] = (await this.dataSource.query(
      `SELECT count(*)::int AS total, coalesce(sum(count), 0)::bigint AS cylinders,
              coalesce(sum(oxygen_litres), 0)::bigint AS litres
       FROM app.daily_fills WHERE ${where.where}`,
      where.params,
    )) as { total: number; cylinders: string; litres: string }[];
    const rows = (await this.dataSource.query(
      `SELECT plant_id, day::text AS day, size_code, count, oxygen_litres
       FROM app.daily_fills WHERE ${where.where}
       ORDER BY day DESC, plant_id, size_code
       LIMIT ${where.param(pageSize)} OFFSET ${where.param((page - 1) * pageSize)}`,
      where.params,
    )) as {
      plant_id: string;
      day: string;
      size_code: string;
      count: number;
      oxygen_litres: string;
    }[];
    return {
      page,
      pageSize,
      total: totals.total,
      totalCylinders: Number(totals.cylinders),
      totalOxygenLitres: Number(totals.litres),
      items: rows.map((row) => ({
        plantId: row.plant_id,
        day: row.day,
        sizeCode: row.size_code,
        cylinders: row.count,
        oxygenLitres: Number(row.oxygen_litres),
      })),
    };
  }
}
