import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE } from '@oxyledger/network';
import { SqlFilter } from '../../../supply-scope';
import { ListLotFillsQuery } from './list-lot-fills.query';

export interface LotFillsView {
  plantId: string;
  lot: string;
  firstFilledAt: string;
  lastFilledAt: string;
  /** Fills that passed QC: cylinders that became FULL. */
  passed: number;
  /** Fills recorded as a failed QC check: those cylinders were quarantined. */
  qcFailures: number;
  minPurityPercent: number;
  maxPurityPercent: number;
}

/** Each lot a plant filled, latest first, with its QC failures (from `lot_fills`). */
@QueryHandler(ListLotFillsQuery)
export class ListLotFillsHandler implements IQueryHandler<ListLotFillsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ filter }: ListLotFillsQuery) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? DEFAULT_PAGE_SIZE;
    const where = new SqlFilter()
      .add('plant_id = ?', filter.plantId)
      .add('plant_id IN (SELECT id FROM app.facilities WHERE supplier_id = ?)', filter.ownerId)
      .add('filled_at >= ?::date', filter.from)
      .add("filled_at < ?::date + interval '1 day'", filter.to);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(DISTINCT (plant_id, lot))::int AS total FROM app.lot_fills WHERE ${where.where}`,
      where.params,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT plant_id, lot, min(filled_at) AS first_at, max(filled_at) AS last_at,
              count(*) FILTER (WHERE qc_passed)::int AS passed,
              count(*) FILTER (WHERE NOT qc_passed)::int AS failed,
              min(purity_percent)::float8 AS min_purity, max(purity_percent)::float8 AS max_purity
       FROM app.lot_fills WHERE ${where.where}
       GROUP BY plant_id, lot ORDER BY max(filled_at) DESC, plant_id, lot
       LIMIT ${where.param(pageSize)} OFFSET ${where.param((page - 1) * pageSize)}`,
      where.params,
    )) as {
      plant_id: string;
      lot: string;
      first_at: Date;
      last_at: Date;
      passed: number;
      failed: number;
      min_purity: number;
      max_purity: number;
    }[];
    const items: LotFillsView[] = rows.map((row) => ({
      plantId: row.plant_id,
      lot: row.lot,
      firstFilledAt: row.first_at.toISOString(),
      lastFilledAt: row.last_at.toISOString(),
      passed: row.passed,
      qcFailures: row.failed,
      minPurityPercent: row.min_purity,
      maxPurityPercent: row.max_purity,
    }));
    return { page, pageSize, total, items };
  }
}
