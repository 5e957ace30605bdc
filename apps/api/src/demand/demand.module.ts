import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerModule } from '../ledger/ledger.module';
import { NetworkModule } from '../network/network.module';
import { ChangeHospitalDemandHandler } from './commands/change-hospital-demand/change-hospital-demand.handler';
import { HospitalDemandHttpController } from './hospital-demand.http.controller';
import { GetHospitalDemandHandler } from './queries/get-hospital-demand/get-hospital-demand.handler';

/** Oxygen demand: each hospital's beds and census, and the estimates of its daily need. */
@Module({
  imports: [CqrsModule, NetworkModule, LedgerModule],
  controllers: [HospitalDemandHttpController],
  providers: [ChangeHospitalDemandHandler, GetHospitalDemandHandler],
})
export class DemandModule {}
