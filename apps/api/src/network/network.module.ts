import { Module } from '@nestjs/common';
import { NetworkDataModule } from '@oxyledger/network';
import { AccessModule } from '../access/access.module';
import { FacilitiesController } from './facilities.controller';
import { VehiclesController } from './vehicles.controller';

/**
 * The network's admin endpoints and read endpoints over `@oxyledger/network`; re-exports its
 * `NetworkService` for command handlers and the demo seed.
 */
@Module({
  imports: [NetworkDataModule, AccessModule],
  controllers: [FacilitiesController, VehiclesController],
  exports: [NetworkDataModule],
})
export class NetworkModule {}
