import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@oxyledger/config';
import { DatabaseModule } from '@oxyledger/database';
import { EventStoreModule } from '@oxyledger/event-store';
import { ProjectorModule } from '@oxyledger/read-models';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import { AlertsModule } from './alerts/alerts.module';
import { DemandModule } from './demand/demand.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { LedgerModule } from './ledger/ledger.module';
import { LiveModule } from './live/live.module';
import { NetworkModule } from './network/network.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObservabilityModule } from './observability/observability.module';
import { OperationsModule } from './operations/operations.module';
import { PlanningModule } from './planning/planning.module';
import { PlantsModule } from './plants/plants.module';
import { PartnersModule } from './partners/partners.module';
import { RecallModule } from './recall/recall.module';
import { IdempotencyModule } from './shared/idempotency/idempotency.module';
import { ReportingModule } from './supply/reporting/reporting.module';
import { SupplyModule } from './supply/supply.module';

/**
 * The api: infrastructure first (config, logging, event store, database), then one module per
 * feature. `AccessModule` guards every route: an access token is needed unless `@Public()`.
 */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          // Probes and scrapers call these every few seconds; a log line each time is noise.
          autoLogging: {
            ignore: (request) => ['/health', '/health/ready', '/metrics'].includes(request.url!),
          },
          // Access tokens are credentials: never in the logs.
          redact: ['req.headers.authorization'],
        },
      }),
    }),
    EventStoreModule.forRoot(),
    DatabaseModule.forRoot(),
    AccessModule,
    NetworkModule,
    LedgerModule,
    RecallModule,
    SupplyModule,
    DemandModule,
    PlantsModule,
    PartnersModule,
    PlanningModule,
    AlertsModule,
    OperationsModule,
    DemoModule,
    ProjectorModule,
    IdempotencyModule,
    HealthModule,
    ObservabilityModule,
    ReportingModule,
    LiveModule,
    NotificationsModule,
  ],
})
export class AppModule {}
