import type { HelpRequestCategory, HelpRequestUrgency } from '@oxyledger/domain';
import type { CommandContext } from '../../../../ledger/command-context';

export class OpenHelpRequestCommand {
  constructor(
    readonly request: {
      category: HelpRequestCategory;
      urgency: HelpRequestUrgency;
      facilityId: string;
      title: string;
      description: string;
      photos?: string[];
    },
    readonly context: CommandContext,
  ) {}
}
