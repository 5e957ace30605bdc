import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  cylinderLocation,
  cylinderStreamName,
  type CylinderCommand,
  decideCylinder,
  evolveCylinder,
  isRegistered,
  STANDARD_CYLINDER_CONFIG,
} from '@oxyledger/domain';
import type { Actor } from '../../../../access/actor';
import { assertMayActForSupplier, ForbiddenActionError } from '../../../../access/authorization';
import { NetworkService } from '@oxyledger/network';
import { LedgerStore } from '@oxyledger/ledger';
import { CylinderNotFoundError } from '../../queries/get-cylinder/get-cylinder.handler';
import { ChangeCylinderCommand } from './change-cylinder.command';

export interface ChangeCylinderResult {
  serial: string;
  status: string;
  position?: string;
}

@CommandHandler(ChangeCylinderCommand)
export class ChangeCylinderHandler implements ICommandHandler<ChangeCylinderCommand> {
  constructor(
    private readonly ledger: LedgerStore,
    private readonly network: NetworkService,
  ) {}

  async execute({ serial, change, context }: ChangeCylinderCommand): Promise<ChangeCylinderResult> {
    return this.ledger.withRetryOnConflict(async () => {
      const { states, revisions } = await this.ledger.loadCylinders([serial]);
      const state = states.get(serial);
      if (!state) throw new CylinderNotFoundError(serial);
      const location = cylinderLocation(state);
      const here = location?.kind === 'facility' ? location.facilityId : undefined;
      const found =
        change.type === 'ReportCylinderFound'
          ? await this.network.getFacility(change.data.facilityId)
          : undefined;
      assertMayHandleCylinderAt(context.actor, serial, found ? found.id : here);
      // a supplier's dispatcher reports lost and found only that supplier's cylinders
      if (context.actor.role === 'dispatcher' && isRegistered(state)) {
        assertMayActForSupplier(context.actor, state.ownerId);
      }

      const base = { serial, at: context.occurredAt };
      const command = (
        found && change.type === 'ReportCylinderFound'
          ? {
              type: change.type,
              data: {
                ...base,
                foundAs: change.data.foundAs,
                facility: { id: found.id, kind: found.kind },
              },
            }
          : { type: change.type, data: { ...base, hospitalId: here, ...change.data } }
      ) as CylinderCommand;
      const events = decideCylinder(command, state, STANDARD_CYLINDER_CONFIG);
      const position = await this.ledger.append(
        [{ streamName: cylinderStreamName(serial), events }],
        revisions,
        context,
      );
      return { serial, status: events.reduce(evolveCylinder, state).status, position };
    });
  }
}

/**
 * Plant and hospital staff act only on cylinders at their own facility (or, for a found one,
 * found at it); dispatchers and admins anywhere. Roles are checked by the controller.
 */
function assertMayHandleCylinderAt(actor: Actor, serial: string, facilityId?: string): void {
  if (actor.role !== 'producer' && actor.role !== 'hospital') return;
  if (facilityId && facilityId === actor.facilityId) return;
  throw new ForbiddenActionError(
    'access.facility-scope',
    `Cylinder ${serial} is not at your facility ${actor.facilityId}: you may act only on cylinders there`,
  );
}
