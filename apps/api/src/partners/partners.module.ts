import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerModule } from '../ledger/ledger.module';
import { NetworkModule } from '../network/network.module';
import { PartnerDirectoryHttpController } from './directory/partner-directory.http.controller';
import { PartnerDirectoryService } from './directory/partner-directory.service';
import { ChangeHelpRequestHandler } from './help-requests/commands/change-help-request/change-help-request.handler';
import { OpenHelpRequestHandler } from './help-requests/commands/open-help-request/open-help-request.handler';
import { HelpRequestPhotoStore } from './help-requests/help-request-photo.store';
import { HelpRequestsHttpController } from './help-requests/help-requests.http.controller';
import { HelpRequestsReader } from './help-requests/queries/help-requests.reader';

/**
 * The partner network: the directory of organisations and experts (master data with history)
 * and help requests (event-sourced tickets). Not the supply network (`../network`).
 */
@Module({
  imports: [CqrsModule, NetworkModule, LedgerModule],
  controllers: [PartnerDirectoryHttpController, HelpRequestsHttpController],
  providers: [
    PartnerDirectoryService,
    HelpRequestsReader,
    HelpRequestPhotoStore,
    OpenHelpRequestHandler,
    ChangeHelpRequestHandler,
  ],
  exports: [PartnerDirectoryService],
})
export class PartnersModule {}
