import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ALERT_SEVERITIES, type AlertHandling } from '@oxyledger/domain';
import { DataSource } from 'typeorm';
import { isOpenTripSql } from '@oxyledger/read-models';
import { LedgerStore } from '@oxyledger/ledger';
import { NetworkService } from '@oxyledger/network';
import { type AlertCondition, AlertConditionsReader } from '../../alert-conditions.reader';
import { loadAlertHandling } from '../../alert-handling.loader';
import { alertVisibleTo } from '../../alert-scope';
import { ListAlertsQuery } from './list-alerts.query';

export type AlertView = AlertCondition &
  AlertHandling & { status: 'open' | 'acknowledged' | 'resolved' };

/** Open alerts the reader may see, most severe first, with who acknowledged or resolved them. */
@QueryHandler(ListAlertsQuery)
export class ListAlertsHandler implements IQueryHandler<ListAlertsQuery> {
  constructor(
    private readonly conditions: AlertConditionsReader,
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ filter, actor, now }: ListAlertsQuery): Promise<{ items: AlertView[] }> {
    const visible = alertVisibleTo(actor, await this.context(actor));
    const conditions = (await this.conditions.open(now)).filter(
      (alert) =>
        visible(alert) &&
        (filter.kind === undefined || alert.kind === filter.kind) &&
        (filter.severity === undefined || alert.severity === filter.severity),
    );
    const items = await Promise.all(
      conditions.map(async (alert): Promise<AlertView> => {
        const { state } = await loadAlertHandling(this.ledger, alert.id);
        const status = state.resolvedAt
          ? 'resolved'
          : state.acknowledgedAt
            ? 'acknowledged'
            : 'open';
        return { ...alert, ...state, status };
      }),
    );
    return {
      items: items
        .filter((item) => filter.includeResolved || item.status !== 'resolved')
        .sort(
          (a, b) =>
            ALERT_SEVERITIES.indexOf(b.severity) - ALERT_SEVERITIES.indexOf(a.severity) ||
            a.id.localeCompare(b.id),
        ),
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
