import { Module } from '@nestjs/common';
import { ConfigModule } from '@oxyledger/config';
import { DatabaseModule } from '@oxyledger/database';
import { EventStoreModule } from '@oxyledger/event-store';
import { ProjectorModule } from '@oxyledger/read-models';
import { LoggerModule } from 'nestjs-pino';
import { SupplyLevelsModule } from '@oxyledger/supply';

/**
 * The projector on its own, for scaling out: the event store in, the read models and the supply
 * levels out (each under one owner across every projector process). Needs no Redis.
 */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({ pinoHttp: { level: process.env.LOG_LEVEL ?? 'info' } }),
    EventStoreModule.forRoot(),
    DatabaseModule.forRoot(),
    ProjectorModule,
    SupplyLevelsModule,
  ],
})
export class ProjectorAppModule {}
