import { HttpStatus } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type CylinderState,
  initialCylinderState,
  isCylinderEvent,
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
import { LedgerStore, toDomainEvents } from '@oxyledger/ledger';
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
      if (!mayHandleCylinderAt(context.actor, found ? found.id : here)) {
        // Lost a race (a driver collected it, a colleague moved it) or never theirs: only the
        // first is a 409 with where it is now; the second stays a 403 that reveals nothing.
        if (!found && (await this.wasAt(serial, context.actor.facilityId))) {
          throw new CylinderMovedAwayError(serial, state);
        }
        throw new ForbiddenActionError(
          'access.facility-scope',
          `Cylinder ${serial} is not at your facility ${context.actor.facilityId}: you may act only on cylinders there`,
        );
      }
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

  /** Whether the cylinder was ever at this facility, replaying its stream (refusals only). */
  private async wasAt(serial: string, facilityId: string | undefined): Promise<boolean> {
    if (facilityId === undefined) return false;
    const events = toDomainEvents(await this.ledger.history(cylinderStreamName(serial))).filter(
      isCylinderEvent,
    );
    let state: CylinderState = initialCylinderState();
    for (const event of events) {
      state = evolveCylinder(state, event);
      const location = cylinderLocation(state);
      if (location?.kind === 'facility' && location.facilityId === facilityId) return true;
    }
    return false;
  }
}

/**
 * Plant and hospital staff act only on cylinders at their own facility (or, for a found one,
 * found at it); dispatchers and admins anywhere. Roles are checked by the controller.
 */
function mayHandleCylinderAt(actor: Actor, facilityId?: string): boolean {
  if (actor.role !== 'producer' && actor.role !== 'hospital') return true;
  return facilityId !== undefined && facilityId === actor.facilityId;
}

/** The cylinder was at the actor's facility but has moved on: 409 with where it is now. */
export class CylinderMovedAwayError extends Error {
  readonly httpStatus = HttpStatus.CONFLICT;
  readonly code = 'cylinder.moved-away';

  constructor(
    readonly serial: string,
    private readonly state: CylinderState,
  ) {
    super(
      `Cylinder ${serial} is no longer at your facility: it is ${state.status}` +
        describeLocation(state),
    );
  }

  toJSON(): Record<string, unknown> {
    return {
      serial: this.serial,
      currentState: { status: this.state.status, location: cylinderLocation(this.state) },
    };
  }
}

function describeLocation(state: CylinderState): string {
  const location = cylinderLocation(state);
  if (!location) return '';
  return location.kind === 'trip' ? ` on trip ${location.tripId}` : ` at ${location.facilityId}`;
}
