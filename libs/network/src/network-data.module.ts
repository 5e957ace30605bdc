import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FacilityEntity } from './facility.entity';
import { NetworkService } from './network.service';
import { VehicleEntity } from './vehicle.entity';

/**
 * The network's master data (facilities and vehicles) without HTTP: what every app that reads the
 * network imports. Needs `DatabaseModule.forRoot()` (global); the tables come from migration
 * `NetworkMasterData…`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([FacilityEntity, VehicleEntity])],
  providers: [NetworkService],
  exports: [NetworkService],
})
export class NetworkDataModule {}
