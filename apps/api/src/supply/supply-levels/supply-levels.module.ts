import { Module } from '@nestjs/common';
import { LedgerModule } from '../../ledger/ledger.module';
import { NetworkModule } from '../../network/network.module';
import { HospitalSupplyReader } from '../supply-status/hospital-supply.reader';
import { SupplyLevelWatcher } from './supply-level.watcher';

/**
 * The supply level watcher and the supply status it computes, without HTTP or Redis: what the
 * projector app runs beside the read models, and the api when it runs everything.
 */
@Module({
  imports: [NetworkModule, LedgerModule],
  providers: [HospitalSupplyReader, SupplyLevelWatcher],
  exports: [HospitalSupplyReader, SupplyLevelWatcher],
})
export class SupplyLevelsModule {}
