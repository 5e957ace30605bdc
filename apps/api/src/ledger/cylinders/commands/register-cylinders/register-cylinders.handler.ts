import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  BatchRefused,
  decideRegisterCylinders,
  STANDARD_CYLINDER_CONFIG,
  UnknownCylinderOwner,
} from '@oxyledger/domain';
import { assertMayActAtFacility } from '../../../../access/authorization';
import { NetworkService } from '@oxyledger/network';
import { LedgerStore } from '@oxyledger/ledger';
import { RegisterCylindersCommand } from './register-cylinders.command';

export interface RegisterCylindersResult {
  registered: string[];
  position?: string;
}

@CommandHandler(RegisterCylindersCommand)
export class RegisterCylindersHandler implements ICommandHandler<RegisterCylindersCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async execute(command: RegisterCylindersCommand): Promise<RegisterCylindersResult> {
    assertMayActAtFacility(command.context.actor, command.facilityId);
    const facility = await this.network.getFacility(command.facilityId);
    const serials = command.cylinders.map((cylinder) => cylinder.serial);
    const known = await this.network.knownSuppliers(command.cylinders.map((c) => c.ownerId));
    const unknownOwners = command.cylinders
      .filter((cylinder) => !known.has(cylinder.ownerId))
      .map((cylinder) => new UnknownCylinderOwner(cylinder.serial, cylinder.ownerId));
    if (unknownOwners.length > 0) throw new BatchRefused(unknownOwners);
    return this.ledger.withRetryOnConflict(async () => {
      const { states, revisions } = await this.ledger.loadCylinders(serials);
      const decision = decideRegisterCylinders(
        {
          at: command.context.occurredAt,
          cylinders: command.cylinders.map((cylinder) => ({
            ...cylinder,
            facility: { id: facility.id, kind: facility.kind },
          })),
        },
        states,
        STANDARD_CYLINDER_CONFIG,
      );
      const position = await this.ledger.append(decision.streams, revisions, command.context);
      return { registered: serials, position };
    });
  }
}
