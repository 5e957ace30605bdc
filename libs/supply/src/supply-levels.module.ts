import { Module } from '@nestjs/common';
import { LedgerStoreModule } from '@oxyledger/ledger';
import { NetworkDataModule } from '@oxyledger/network';
import { HospitalSupplyReader } from './hospital-supply.reader';
import { SupplyLevelWatcher } from './supply-level.watcher';

/**
 * The supply level watcher and the supply status it computes, without HTTP or Redis: what the
 * projector app runs beside the read models, and the api when it runs everything.
 */
@Module({
  imports: [NetworkDataModule, LedgerStoreModule],
  providers: [HospitalSupplyReader, SupplyLevelWatcher],
  exports: [HospitalSupplyReader, SupplyLevelWatcher],
})
export class SupplyLevelsModule {}
