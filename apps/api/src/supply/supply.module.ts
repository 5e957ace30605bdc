import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerModule } from '../ledger/ledger.module';
import { NetworkModule } from '../network/network.module';
import { ListAttentionHandler } from './attention/queries/list-attention/list-attention.handler';
import { CylinderListHttpController } from './cylinders/cylinder-list.http.controller';
import { CylinderListReader } from './cylinders/cylinder-list.reader';
import { ListCylindersHandler } from './cylinders/queries/list-cylinders/list-cylinders.handler';
import { DailyFillsHttpController } from './fills/daily-fills.http.controller';
import { ListDailyFillsHandler } from './fills/queries/list-daily-fills/list-daily-fills.handler';
import { ListLotFillsHandler } from './fills/queries/list-lot-fills/list-lot-fills.handler';
import { FacilityStockReader } from './stock/facility-stock.reader';
import { GovernorateStockReader } from './stock/governorate-stock.reader';
import { GetFacilityStockHandler } from './stock/queries/get-facility-stock/get-facility-stock.handler';
import { GetNationalStockHandler } from './stock/queries/get-national-stock/get-national-stock.handler';
import { GetSupplierFloatHandler } from './stock/queries/get-supplier-float/get-supplier-float.handler';
import { ListFacilityStockHandler } from './stock/queries/list-facility-stock/list-facility-stock.handler';
import { ListGovernorateStockHandler } from './stock/queries/list-governorate-stock/list-governorate-stock.handler';
import { StockHttpController } from './stock/stock.http.controller';
import { GetTripHandler } from './trips/queries/get-trip/get-trip.handler';
import { ListTripsHandler } from './trips/queries/list-trips/list-trips.handler';
import { TripReader } from './trips/trip.reader';
import { TripReadHttpController } from './trips/trip-read.http.controller';
import { ExpectedCylindersHttpController } from './trips/expected-cylinders/expected-cylinders.http.controller';
import { GetTripReconciliationHandler } from './reconciliation/queries/get-trip-reconciliation/get-trip-reconciliation.handler';
import { ListDemurrageHandler } from './reconciliation/queries/list-demurrage/list-demurrage.handler';
import { ListFlaggedTripsHandler } from './reconciliation/queries/list-flagged-trips/list-flagged-trips.handler';
import { ReconciliationHttpController } from './reconciliation/reconciliation.http.controller';
import { SupplyLevelsModule } from '@oxyledger/supply';
import { GetHospitalSupplyHandler } from './supply-status/queries/get-hospital-supply/get-hospital-supply.handler';
import { GetSupplyRollupHandler } from './supply-status/queries/get-supply-rollup/get-supply-rollup.handler';
import { ListHospitalSupplyHandler } from './supply-status/queries/list-hospital-supply/list-hospital-supply.handler';
import { SupplyStatusHttpController } from './supply-status/supply-status.http.controller';

/** The supply picture: queries over the read models the projector keeps. */
@Module({
  imports: [CqrsModule, NetworkModule, LedgerModule, SupplyLevelsModule],
  controllers: [
    StockHttpController,
    CylinderListHttpController,
    TripReadHttpController,
    ExpectedCylindersHttpController,
    DailyFillsHttpController,
    SupplyStatusHttpController,
    ReconciliationHttpController,
  ],
  providers: [
    FacilityStockReader,
    GovernorateStockReader,
    CylinderListReader,
    TripReader,
    ListFacilityStockHandler,
    GetFacilityStockHandler,
    ListGovernorateStockHandler,
    GetNationalStockHandler,
    GetSupplierFloatHandler,
    ListCylindersHandler,
    ListAttentionHandler,
    ListTripsHandler,
    GetTripHandler,
    ListDailyFillsHandler,
    ListLotFillsHandler,
    GetHospitalSupplyHandler,
    ListHospitalSupplyHandler,
    GetSupplyRollupHandler,
    GetTripReconciliationHandler,
    ListFlaggedTripsHandler,
    ListDemurrageHandler,
  ],
  exports: [SupplyLevelsModule],
})
export class SupplyModule {}
