import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { SqlFilter } from '../../../supply-scope';
import { ListDemurrageQuery } from './list-demurrage.query';

export interface DemurrageLine {
  ownerId: string;
  facilityId: string;
  cylinders: number;
  /** Days held beyond the free period, summed over the cylinders: what demurrage is charged on. */
  excessDays: number;
  longestDaysHeld: number;
  serials: string[];
}

const DAY_SECONDS = 86_400;

/**
 * Demurrage: cylinders resting at a hospital (full, in use or empty) for longer than the free
 * period since they arrived there, from `cylinder_states.location_since`.
 */
@QueryHandler(ListDemurrageQuery)
export class ListDemurrageHandler implements IQueryHandler<ListDemurrageQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ freeDays, filter, now }: ListDemurrageQuery): Promise<{
    freeDays: number;
    items: DemurrageLine[];
  }> {
    const where = new SqlFilter()
      .raw(`facility_kind = 'hospital' AND status IN ('FULL', 'IN_USE', 'EMPTY')`)
      .add('location_since < ?', new Date(now.getTime() - freeDays * DAY_SECONDS * 1000))
      .add('owner_id = ?', filter.ownerId)
      .add('facility_id = ?', filter.facilityId);
    const nowParam = where.param(now);
    const rows = (await this.dataSource.query(
      `SELECT owner_id, facility_id, count(*)::int AS cylinders,
              sum(extract(epoch FROM ${nowParam}::timestamptz - location_since))::float8 AS held,
              max(extract(epoch FROM ${nowParam}::timestamptz - location_since))::float8 AS longest,
              array_agg(serial ORDER BY location_since, serial) AS serials
       FROM app.cylinder_states WHERE ${where.where}
       GROUP BY owner_id, facility_id ORDER BY owner_id, facility_id`,
      where.params,
    )) as {
      owner_id: string;
      facility_id: string;
      cylinders: number;
      held: number;
      longest: number;
      serials: string[];
    }[];
    return {
      freeDays,
      items: rows.map((row) => ({
        ownerId: row.owner_id,
        facilityId: row.facility_id,
        cylinders: row.cylinders,
        excessDays: round(row.held / DAY_SECONDS - row.cylinders * freeDays),
        longestDaysHeld: round(row.longest / DAY_SECONDS),
        serials: row.serials,
      })),
    };
  }
}

function round(days: number): number {
  return Math.round(days * 10) / 10;
}
