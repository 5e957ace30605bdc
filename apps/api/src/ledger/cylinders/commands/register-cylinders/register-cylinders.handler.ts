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
    const serials = command.cylinders.map((cylinder) => cylinder.serial);
    // The facility, the owners and the cylinders are read side by side: the request holds its
    // ledger connection meanwhile. The refusals come in the same order as before.
    const [facility, known, firstLoad] = await Promise.all([
      this.network.getFacility(command.facilityId),
      this.network.knownSuppliers(command.cylinders.map((c) => c.ownerId)),
      this.ledger.loadCylinders(serials),
    ]);
    const unknownOwners = command.cylinders
      .filter((cylinder) => !known.has(cylinder.ownerId))
      .map((cylinder) => new UnknownCylinderOwner(cylinder.serial, cylinder.ownerId));
    if (unknownOwners.length > 0) throw new BatchRefused(unknownOwners);
    let loaded: typeof firstLoad | undefined = firstLoad;
    return this.ledger.withRetryOnConflict(async () => {
      const { states, revisions } = loaded ?? (await this.ledger.loadCylinders(serials));
      loaded = undefined; // a retry after a conflict reads afresh
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
