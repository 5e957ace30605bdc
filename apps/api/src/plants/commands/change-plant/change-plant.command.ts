import type { PlantCommand } from '@oxyledger/domain';
import type { CommandContext } from '../../../ledger/command-context';

type Data<T extends PlantCommand['type']> = Omit<
  Extract<PlantCommand, { type: T }>['data'],
  'facilityId' | 'at'
>;

/** Capacity set or status changed at a plant; `at` comes from the context. */
export class ChangePlantCommand {
  constructor(
    readonly facilityId: string,
    readonly change:
      | { type: 'SetPlantCapacity'; data: Data<'SetPlantCapacity'> }
      | { type: 'ChangePlantStatus'; data: Data<'ChangePlantStatus'> },
    readonly context: CommandContext,
  ) {}
}
