import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decidePlant, evolvePlant, type PlantCommand, plantStreamName } from '@oxyledger/domain';
import { assertMayActAtFacility } from '../../../access/authorization';
import { LedgerStore, loadPlant } from '@oxyledger/ledger';
import { NetworkService } from '@oxyledger/network';
import { type PlantView, plantView } from '../../plant-view';
import { ChangePlantCommand } from './change-plant.command';

@CommandHandler(ChangePlantCommand)
export class ChangePlantHandler implements ICommandHandler<ChangePlantCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async execute({ facilityId, change, context }: ChangePlantCommand): Promise<PlantView> {
    assertMayActAtFacility(context.actor, facilityId);
    const facility = await this.network.getFacilityOfKind(facilityId, 'producer');
    return this.ledger.withRetryOnConflict(async () => {
      const { state, revision } = await loadPlant(this.ledger, facilityId);
      const command = {
        type: change.type,
        data: { ...change.data, facilityId, at: context.occurredAt },
      } as PlantCommand;
      const events = decidePlant(command, state);
      const streamName = plantStreamName(facilityId);
      await this.ledger.append(
        [{ streamName, events }],
        new Map([[streamName, revision]]),
        context,
      );
      return plantView(facility, events.reduce(evolvePlant, state));
    });
  }
}
