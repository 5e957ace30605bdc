import type { FillCylindersRequest } from '@oxyledger/domain';
import type { CommandContext } from '../../../command-context';

export class FillCylindersCommand {
  constructor(
    readonly fill: Omit<FillCylindersRequest, 'at'>,
    readonly context: CommandContext,
  ) {}
}
