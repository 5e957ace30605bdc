import { HttpStatus } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type AlertCommand, alertStreamName, decideAlert, evolveAlert } from '@oxyledger/domain';
import { LedgerStore } from '@oxyledger/ledger';
import { loadAlertHandling } from '../../alert-handling.loader';
import { ListAlertsHandler } from '../../queries/list-alerts/list-alerts.handler';
import { ListAlertsQuery } from '../../queries/list-alerts/list-alerts.query';
import { HandleAlertCommand } from './handle-alert.command';

export class AlertNotOpenError extends Error {
  readonly httpStatus = HttpStatus.NOT_FOUND;
  readonly code = 'alert.not-found';
  constructor(alertId: string) {
    super(`No open alert ${alertId} that you may see: its condition may have ended`);
  }
}

@CommandHandler(HandleAlertCommand)
export class HandleAlertHandler implements ICommandHandler<HandleAlertCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly alerts: ListAlertsHandler,
  ) {}

  async execute({ alertId, action, context }: HandleAlertCommand) {
    const { items } = await this.alerts.execute(
      new ListAlertsQuery({ includeResolved: true }, context.actor, new Date()),
    );
    const alert = items.find((item) => item.id === alertId);
    if (!alert) throw new AlertNotOpenError(alertId);
    return this.ledger.withRetryOnConflict(async () => {
      const { state, revision } = await loadAlertHandling(this.ledger, alertId);
      const command = {
        type: action.type,
        data: { alertId, note: action.note, at: context.occurredAt },
      } as AlertCommand;
      const events = decideAlert(command, state);
      const streamName = alertStreamName(alertId);
      await this.ledger.append(
        [{ streamName, events }],
        new Map([[streamName, revision]]),
        context,
      );
      const handled = events.reduce(evolveAlert, state);
      return { ...alert, ...handled, status: handled.resolvedAt ? 'resolved' : 'acknowledged' };
    });
  }
}
