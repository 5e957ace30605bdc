import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ALERT_SEVERITIES, type AlertHandling } from '@oxyledger/domain';
import { DataSource } from 'typeorm';
import { alertHandlingsOf, isOpenTripSql } from '@oxyledger/read-models';
import { DEFAULT_PAGE_SIZE, NetworkService, type Page } from '@oxyledger/network';
import { type AlertCondition, AlertConditionsReader } from '../../alert-conditions.reader';
import { alertVisibleTo } from '../../alert-scope';
import { ListAlertsQuery } from './list-alerts.query';

export type AlertView = AlertCondition &
  AlertHandling & { status: 'open' | 'acknowledged' | 'resolved' };

/** Open alerts the reader may see, most severe first, with who acknowledged or resolved them. */
@QueryHandler(ListAlertsQuery)
export class ListAlertsHandler implements IQueryHandler<ListAlertsQuery> {
  constructor(
    private readonly conditions: AlertConditionsReader,
    private readonly network: NetworkService,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ filter, actor, now }: ListAlertsQuery): Promise<Page<AlertView>> {
    const visible = alertVisibleTo(actor, await this.context(actor));
    const conditions = (await this.conditions.open(now)).filter(
      (alert) =>
        visible(alert) &&
        (filter.kind === undefined || alert.kind === filter.kind) &&
        (filter.severity === undefined || alert.severity === filter.severity),
    );
    const handlings = await alertHandlingsOf(
      this.dataSource,
      conditions.map((alert) => alert.id),
    );
    const items = conditions.map((alert): AlertView => {
      const state = handlings.get(alert.id)!;
      const status = state.resolvedAt ? 'resolved' : state.acknowledgedAt ? 'acknowledged' : 'open';
      return { ...alert, ...state, status };
    });
    const matching = items
      .filter((item) => filter.includeResolved || item.status !== 'resolved')
      .sort(
        (a, b) =>
          ALERT_SEVERITIES.indexOf(b.severity) - ALERT_SEVERITIES.indexOf(a.severity) ||
          a.id.localeCompare(b.id),
      );
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? DEFAULT_PAGE_SIZE;
    return {
      items: matching.slice((page - 1) * pageSize, page * pageSize),
      page,
      pageSize,
      total: matching.length,
    };
  }

  private async context(actor: ListAlertsQuery['actor']) {
    if (actor.role === 'producer' && actor.facilityId) {
      const plant = await this.network.findFacility(actor.facilityId);
      return { plantSupplierId: plant?.supplierId ?? null };
    }
    if (actor.role === 'driver') {
      const rows = (await this.dataSource.query(
        `SELECT trip_id FROM app.trips WHERE driver_id = $1 AND ${isOpenTripSql()}`,
        [actor.userId],
      )) as { trip_id: string }[];
      return { driverTripIds: new Set(rows.map((row) => row.trip_id)) };
    }
    return {};
  }
}
