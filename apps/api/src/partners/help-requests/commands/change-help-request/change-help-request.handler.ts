import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideHelpRequest,
  evolveHelpRequest,
  type HelpRequestAssignee,
  type HelpRequestCommand,
  HelpRequestNotFound,
  helpRequestStreamName,
} from '@oxyledger/domain';
import { LedgerStore } from '@oxyledger/ledger';
import { PartnerNotFound } from '../../../directory/partner-directory.errors';
import { PartnerDirectoryService } from '../../../directory/partner-directory.service';
import { assertMayActOnHelpRequest, type PartnerLinks } from '../../help-request-access';
import { isHelpRequestId, loadHelpRequest } from '../../help-request.loader';
import { ChangeHelpRequestCommand } from './change-help-request.command';

@CommandHandler(ChangeHelpRequestCommand)
export class ChangeHelpRequestHandler implements ICommandHandler<ChangeHelpRequestCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly directory: PartnerDirectoryService,
  ) {}

  async execute({ requestId, change, context }: ChangeHelpRequestCommand) {
    const { actor } = context;
    if (!isHelpRequestId(requestId)) throw new HelpRequestNotFound(requestId);
    const links = await this.linksOf(actor.userId);
    const data =
      change.type === 'AssignHelpRequest'
        ? { ...change.data, assignee: await this.assignee(change.data.assignee) }
        : change.data;
    return this.ledger.withRetryOnConflict(async () => {
      const { state, revision } = await loadHelpRequest(this.ledger, requestId);
      if (!state) throw new HelpRequestNotFound(requestId);
      assertMayActOnHelpRequest(actor, change.type, state, links);
      const command = {
        type: change.type,
        data: { ...data, requestId, by: actor.userId },
      } as HelpRequestCommand;
      const events = decideHelpRequest(command, state);
      const streamName = helpRequestStreamName(requestId);
      await this.ledger.append([{ streamName, events }], new Map([[streamName, revision]]), {
        ...context,
        correlationId: requestId,
      });
      return events.reduce(evolveHelpRequest, state);
    });
  }

  private async linksOf(userId: string): Promise<PartnerLinks> {
    const people = await this.directory.peopleOfUser(userId);
    return {
      personIds: people.map((person) => person.id),
      organisationIds: people.flatMap((person) => person.organisationId ?? []),
    };
  }

  /** The assignee as the directory has it: a person's platform user comes from their record. */
  private async assignee(given: HelpRequestAssignee): Promise<HelpRequestAssignee> {
    if (given.kind === 'person') {
      const person = await this.directory.findPerson(given.id);
      if (!person) throw new PartnerNotFound('person', given.id);
      return { kind: 'person', id: person.id, ...(person.userId ? { userId: person.userId } : {}) };
    }
    if (!(await this.directory.findOrganisation(given.id)))
      throw new PartnerNotFound('organisation', given.id);
    return { kind: 'organisation', id: given.id };
  }
}
