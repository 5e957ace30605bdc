import type { CylinderRegistration } from '@oxyledger/domain';
import type { CommandContext } from '../../../command-context';

export class RegisterCylindersCommand {
  constructor(
    readonly facilityId: string,
    readonly cylinders: Omit<CylinderRegistration, 'facility'>[],
    readonly context: CommandContext,
  ) {}
}
