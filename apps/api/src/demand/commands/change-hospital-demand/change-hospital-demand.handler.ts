import { HttpStatus } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideHospitalDemand,
  evolveHospitalDemand,
  type HospitalDemand,
  type HospitalDemandCommand,
  hospitalDemandStreamName,
} from '@oxyledger/domain';
import { assertMayActAtFacility } from '../../../access/authorization';
import { NetworkService } from '../../../network/network.service';
import { LedgerStore } from '../../../ledger/ledger-store';
import { loadHospitalDemand } from '../../hospital-demand.loader';
import { ChangeHospitalDemandCommand } from './change-hospital-demand.command';

export class NotAHospitalError extends Error {
  readonly httpStatus = HttpStatus.UNPROCESSABLE_ENTITY;
  readonly code = 'demand.not-a-hospital';
  constructor(facilityId: string, kind: string) {
    super(`Facility ${facilityId} is a ${kind}: only hospitals have an oxygen demand profile`);
  }
}

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
    const facility = await this.network.getFacility(facilityId);
    if (facility.kind !== 'hospital') throw new NotAHospitalError(facility.id, facility.kind);
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
