import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from '../access/access.module';
import { NetworkModule } from '../network/network.module';
import { ChangeCylinderHandler } from './cylinders/commands/change-cylinder/change-cylinder.handler';
import { FillCylindersHandler } from './cylinders/commands/fill-cylinders/fill-cylinders.handler';
import { RegisterCylindersHandler } from './cylinders/commands/register-cylinders/register-cylinders.handler';
import { CylindersHttpController } from './cylinders/cylinders.http.controller';
import { GetCylinderHandler } from './cylinders/queries/get-cylinder/get-cylinder.handler';
import { LedgerStoreModule } from '@oxyledger/ledger';
import { DeliveryProofStore } from './delivery-proofs/delivery-proof.store';
import { DeliveryProofsHttpController } from './delivery-proofs/delivery-proofs.http.controller';
import { DeliveryReceiptsHttpController } from './delivery-receipts/delivery-receipts.http.controller';
import { ScanConflictsHttpController } from './scan-conflicts/scan-conflicts.http.controller';
import { ScanConflictsService } from './scan-conflicts/scan-conflicts.service';
import { AbortTripHandler } from './trips/commands/abort-trip/abort-trip.handler';
import { CancelTripHandler } from './trips/commands/cancel-trip/cancel-trip.handler';
import { CompleteTripHandler } from './trips/commands/complete-trip/complete-trip.handler';
import { CreateTripHandler } from './trips/commands/create-trip/create-trip.handler';
import { DeliverAtStopHandler } from './trips/commands/deliver-at-stop/deliver-at-stop.handler';
import { LoadTripHandler } from './trips/commands/load-trip/load-trip.handler';
import { UnloadTripHandler } from './trips/commands/unload-trip/unload-trip.handler';
import { TripOperationRunner } from './trips/trip-operation.runner';
import { TripsHttpController } from './trips/trips.http.controller';

/** The cylinder ledger's commands and the ledger-backed queries. */
@Module({
  imports: [CqrsModule, AccessModule, NetworkModule, LedgerStoreModule],
  controllers: [
    CylindersHttpController,
    TripsHttpController,
    ScanConflictsHttpController,
    DeliveryProofsHttpController,
    DeliveryReceiptsHttpController,
  ],
  providers: [
    DeliveryProofStore,
    ScanConflictsService,
    TripOperationRunner,
    RegisterCylindersHandler,
    FillCylindersHandler,
    ChangeCylinderHandler,
    GetCylinderHandler,
    CreateTripHandler,
    LoadTripHandler,
    DeliverAtStopHandler,
    UnloadTripHandler,
    CompleteTripHandler,
    CancelTripHandler,
    AbortTripHandler,
  ],
  exports: [LedgerStoreModule],
})
export class LedgerModule {}
