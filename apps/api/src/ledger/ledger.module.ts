import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { NetworkModule } from '../network/network.module';
import { FillCylindersHandler } from './cylinders/commands/fill-cylinders/fill-cylinders.handler';
import { RegisterCylindersHandler } from './cylinders/commands/register-cylinders/register-cylinders.handler';
import { CylindersHttpController } from './cylinders/cylinders.http.controller';
import { GetCylinderHandler } from './cylinders/queries/get-cylinder/get-cylinder.handler';
import { LedgerStore } from './ledger-store';

/** The cylinder ledger's commands and the ledger-backed queries. */
@Module({
  imports: [CqrsModule, NetworkModule],
  controllers: [CylindersHttpController],
  providers: [LedgerStore, RegisterCylindersHandler, FillCylindersHandler, GetCylinderHandler],
})
export class LedgerModule {}
