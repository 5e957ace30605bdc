import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideHospitalDemand,
  evolveHospitalDemand,
  type HospitalDemand,
  type HospitalDemandCommand,
  hospitalDemandStreamName,
} from '@oxyledger/domain';
import { assertMayActAtFacility } from '../../../access/authorization';
import { NetworkService } from '@oxyledger/network';
import { LedgerStore, loadHospitalDemand } from '@oxyledger/ledger';
import { ChangeHospitalDemandCommand } from './change-hospital-demand.command';

@CommandHandler(ChangeHospitalDemandCommand)
export class ChangeHospitalDemandHandler implements ICommandHandler<ChangeHospitalDemandCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async execute({
    facilityId,
    change,
    context,
  }: ChangeHospitalDemandCommand): Promise<HospitalDemand & { facilityId: string }> {
    assertMayActAtFacility(context.actor, facilityId);
    await this.network.getFacilityOfKind(facilityId, 'hospital');
    return this.ledger.withRetryOnConflict(async () => {
      const { state, revision } = await loadHospitalDemand(this.ledger, facilityId);
      const at = context.occurredAt;
      const command: HospitalDemandCommand =
        change.type === 'SetHospitalBeds'
          ? { type: change.type, data: { facilityId, beds: change.beds, at } }
          : {
              type: change.type,
              data: { facilityId, severe: change.severe, critical: change.critical, at },
            };
      const events = decideHospitalDemand(command, state);
      const streamName = hospitalDemandStreamName(facilityId);
      await this.ledger.append(
        [{ streamName, events }],
        new Map([[streamName, revision]]),
        context,
      );
      return { facilityId, ...events.reduce(evolveHospitalDemand, state) };
    });
  }
}
