import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideHelpRequest, evolveHelpRequest, helpRequestStreamName } from '@oxyledger/domain';
import { LedgerStore } from '@oxyledger/ledger';
import { NetworkService } from '@oxyledger/network';
import { HelpRequestPhotoStore } from '../../help-request-photo.store';
import { assertMayActOnHelpRequest, NO_LINKS } from '../../help-request-access';
import { HelpRequestPhotosMissing } from '../../help-request.errors';
import { OpenHelpRequestCommand } from './open-help-request.command';

@CommandHandler(OpenHelpRequestCommand)
export class OpenHelpRequestHandler implements ICommandHandler<OpenHelpRequestCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
    private readonly photos: HelpRequestPhotoStore,
  ) {}

  async execute({ request, context }: OpenHelpRequestCommand) {
    const { actor } = context;
    assertMayActOnHelpRequest(
      actor,
      'OpenHelpRequest',
      { facilityId: request.facilityId, openedBy: actor.userId, assignee: null },
      NO_LINKS,
    );
    await this.network.getFacility(request.facilityId);
    const missing = await this.photos.missing(request.photos ?? []);
    if (missing.length) throw new HelpRequestPhotosMissing(missing);
    const requestId = randomUUID();
    const events = decideHelpRequest(
      { type: 'OpenHelpRequest', data: { ...request, requestId, by: actor.userId } },
      null,
    );
    const streamName = helpRequestStreamName(requestId);
    await this.ledger.append([{ streamName, events }], new Map([[streamName, undefined]]), {
      ...context,
      correlationId: requestId,
    });
    return events.reduce(evolveHelpRequest, null);
  }
}
