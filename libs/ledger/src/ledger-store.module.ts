import { Module } from '@nestjs/common';
import { LedgerStore } from './ledger-store';

/** The ledger's streams read and written with their deciders; needs the global event store. */
@Module({
  providers: [LedgerStore],
  exports: [LedgerStore],
})
export class LedgerStoreModule {}
