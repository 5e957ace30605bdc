import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { NetworkModule } from '../network/network.module';
import { LotRecallResumer } from './lot-recall.resumer';
import { LotRecallService } from './lot-recall.service';
import { LotsHttpController } from './lots.http.controller';

/** Lot recalls: quarantine a lot wherever it went, and report who received it. */
@Module({
  imports: [LedgerModule, NetworkModule],
  controllers: [LotsHttpController],
  providers: [LotRecallService, LotRecallResumer],
  exports: [LotRecallService],
})
export class RecallModule {}
