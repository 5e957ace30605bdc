import type { HelpRequestCommand } from '@oxyledger/domain';
import type { CommandContext } from '../../../../ledger/command-context';

type Change = Exclude<HelpRequestCommand, { type: 'OpenHelpRequest' }>;

/** Any step of an open request's life; `requestId` and `by` come from the route and the actor. */
export type HelpRequestChange = {
  [T in Change['type']]: {
    type: T;
    data: Omit<Extract<Change, { type: T }>['data'], 'requestId' | 'by'>;
  };
}[Change['type']];

export class ChangeHelpRequestCommand {
  constructor(
    readonly requestId: string,
    readonly change: HelpRequestChange,
    readonly context: CommandContext,
  ) {}
}
