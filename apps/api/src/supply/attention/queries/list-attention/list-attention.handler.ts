import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CylinderListPage } from '../../../cylinders/cylinder-list.dto';
import { CylinderListReader } from '../../../cylinders/cylinder-list.reader';
import { SqlFilter } from '../../../supply-scope';
import { ATTENTION_DEFAULTS } from '../../attention.dto';
import { ListAttentionQuery } from './list-attention.query';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * - tests-due: periodic test overdue or due within N days (30), soonest first; condemned and
 *   lost cylinders left out;
 * - idle-at-hospitals: full or empty at a hospital for more than N days (7), longest first;
 * - in-transit: on a truck for more than N hours (12), longest first;
 * - lost: reported lost, most recent first.
 */
@QueryHandler(ListAttentionQuery)
export class ListAttentionHandler implements IQueryHandler<ListAttentionQuery> {
  constructor(private readonly cylinders: CylinderListReader) {}

  execute({ list, filter, now }: ListAttentionQuery): Promise<CylinderListPage> {
    const where = new SqlFilter();
    switch (list) {
      case 'tests-due': {
        const within = filter.withinDays ?? ATTENTION_DEFAULTS.withinDays;
        const limit = new Date(now.getTime() + within * DAY_MS).toISOString().slice(0, 10);
        where.raw(`c.status NOT IN ('CONDEMNED', 'LOST')`).add('c.next_test_due <= ?', limit);
        return this.cylinders.page(filter, { where, orderBy: 'c.next_test_due, c.serial' });
      }
      case 'idle-at-hospitals': {
        const days = filter.days ?? ATTENTION_DEFAULTS.days;
        where
          .raw(`c.facility_kind = 'hospital' AND c.status IN ('FULL', 'EMPTY')`)
          .add('c.location_since < ?', new Date(now.getTime() - days * DAY_MS));
        return this.cylinders.page(filter, { where, orderBy: 'c.location_since, c.serial' });
      }
      case 'in-transit': {
        const hours = filter.hours ?? ATTENTION_DEFAULTS.hours;
        where
          .raw(`c.status = 'IN_TRANSIT'`)
          .add('c.location_since < ?', new Date(now.getTime() - hours * HOUR_MS));
        return this.cylinders.page(filter, { where, orderBy: 'c.location_since, c.serial' });
      }
      case 'lost':
        where.raw(`c.status = 'LOST'`);
        return this.cylinders.page(filter, { where, orderBy: 'c.status_since DESC, c.serial' });
    }
  }
}
