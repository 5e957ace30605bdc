import { Module } from '@nestjs/common';
import { ConfigModule } from '@oxyledger/config';
import { DatabaseModule } from '@oxyledger/database';
import { EventStoreModule } from '@oxyledger/event-store';
import { LoggerModule } from 'nestjs-pino';
import { PlannerModule } from '@oxyledger/planner';

/**
 * The refill planner on its own, for scaling out: the BullMQ worker and schedule, reading the
 * read models and writing plans to the ledger. Several may run; a region is planned by one at
 * a time.
 */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({ pinoHttp: { level: process.env.LOG_LEVEL ?? 'info' } }),
    EventStoreModule.forRoot(),
    DatabaseModule.forRoot(),
    PlannerModule,
  ],
})
export class PlannerAppModule {}
