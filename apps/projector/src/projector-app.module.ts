import { Module } from '@nestjs/common';
import { ConfigModule } from '@oxyledger/config';
import { DatabaseModule } from '@oxyledger/database';
import { EventStoreModule } from '@oxyledger/event-store';
import { ProjectorModule } from '@oxyledger/read-models';

/** The projector on its own, for scaling out: the event store in, the read models out. */
@Module({
  imports: [ConfigModule, EventStoreModule.forRoot(), DatabaseModule.forRoot(), ProjectorModule],
})
export class ProjectorAppModule {}
