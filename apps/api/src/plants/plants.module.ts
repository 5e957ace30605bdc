import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerModule } from '../ledger/ledger.module';
import { NetworkModule } from '../network/network.module';
import { ChangePlantHandler } from './commands/change-plant/change-plant.handler';
import { PlantsHttpController } from './plants.http.controller';
import { ListPlantsHandler } from './queries/list-plants/list-plants.handler';

/** Producer plants' capacity and status, as events in each plant's stream. */
@Module({
  imports: [CqrsModule, NetworkModule, LedgerModule],
  controllers: [PlantsHttpController],
  providers: [ChangePlantHandler, ListPlantsHandler],
})
export class PlantsModule {}
