import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FacilitiesController } from './facilities.controller';
import { FacilityEntity } from './facility.entity';
import { NetworkService } from './network.service';
import { VehicleEntity } from './vehicle.entity';
import { VehiclesController } from './vehicles.controller';

/**
 * The network's master data: facilities and vehicles, their admin endpoints and read endpoints.
 * Exports `NetworkService` for command handlers and the demo seed. Needs `DatabaseModule.forRoot()`
 * (global) in the app; the tables come from migration `NetworkMasterData…`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([FacilityEntity, VehicleEntity])],
  controllers: [FacilitiesController, VehiclesController],
  providers: [NetworkService],
  exports: [NetworkService],
})
export class NetworkModule {}
