import { Module } from '@nestjs/common';
import { ConfigModule } from '@oxyledger/config';
import { DatabaseModule } from '@oxyledger/database';
import { EventStoreModule } from '@oxyledger/event-store';
import { NotificationsRunnerModule } from '@oxyledger/notifications';
import { ProjectorModule } from '@oxyledger/read-models';
import { LoggerModule } from 'nestjs-pino';
import { SupplyLevelsModule } from '@oxyledger/supply';

/**
 * The projector on its own, for scaling out: the event store in, the read models and the supply
 * levels and the notifications out (each under one owner across every projector process); Redis
 * only for the notification deliveries' queue.
 */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({ pinoHttp: { level: process.env.LOG_LEVEL ?? 'info' } }),
    EventStoreModule.forRoot(),
    DatabaseModule.forRoot(),
    ProjectorModule,
    SupplyLevelsModule,
    NotificationsRunnerModule,
  ],
})
export class ProjectorAppModule {}
