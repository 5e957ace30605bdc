import { Module } from '@nestjs/common';
import { LedgerModule } from '../../ledger/ledger.module';
import { ReportingGapsHttpController } from './reporting-gaps.http.controller';
import { ReportingGapsReader } from './reporting-gaps.reader';

@Module({
  imports: [LedgerModule],
  controllers: [ReportingGapsHttpController],
  providers: [ReportingGapsReader],
})
export class ReportingModule {}
