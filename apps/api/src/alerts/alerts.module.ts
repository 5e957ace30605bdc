import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerModule } from '../ledger/ledger.module';
import { NetworkModule } from '../network/network.module';
import { AlertConditionsReader } from './alert-conditions.reader';
import { AlertsHttpController } from './alerts.http.controller';
import { HandleAlertHandler } from './commands/handle-alert/handle-alert.handler';
import { ListAlertsHandler } from './queries/list-alerts/list-alerts.handler';

/** Alerts found in the read models, and their acknowledgement and resolution as events. */
@Module({
  imports: [CqrsModule, NetworkModule, LedgerModule],
  controllers: [AlertsHttpController],
  providers: [AlertConditionsReader, ListAlertsHandler, HandleAlertHandler],
})
export class AlertsModule {}
