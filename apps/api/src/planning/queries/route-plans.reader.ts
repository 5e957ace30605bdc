import { Injectable } from '@nestjs/common';
import { RoutePlanNotFound } from '@oxyledger/domain';
import type { RoutePlanRecord } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';

export interface RoutePlanFilter {
  status?: string;
  region?: string;
  page?: number;
  pageSize?: number;
}

/** Route plans from the `route-plans` read model, newest first. */
@Injectable()
export class RoutePlansReader {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: RoutePlanFilter) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 20;
    const rows = (await this.dataSource.query(
      `SELECT record, count(*) OVER ()::int AS total FROM app.route_plans
        WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR region = $2)
        ORDER BY proposed_at DESC, plan_id LIMIT $3 OFFSET $4`,
      [filter.status ?? null, filter.region ?? null, pageSize, (page - 1) * pageSize],
    )) as { record: RoutePlanRecord; total: number }[];
    return { items: rows.map((r) => r.record), page, pageSize, total: rows[0]?.total ?? 0 };
  }

  async get(planId: string): Promise<RoutePlanRecord> {
    const rows = (await this.dataSource.query(
      'SELECT record FROM app.route_plans WHERE plan_id = $1',
      [planId],
    )) as { record: RoutePlanRecord }[];
    if (!rows[0]) throw new RoutePlanNotFound(planId);
    return rows[0].record;
  }
}
