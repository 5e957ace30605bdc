import { HttpStatus } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { cylinderLocation, cylinderStreamName, type CylinderState } from '@oxyledger/domain';
import { cylinderStateFrom, LedgerStore } from '@oxyledger/ledger';
import type { CylinderReadSubject } from '../../../../access/read-rules';
import { GetCylinderQuery } from './get-cylinder.query';

export interface CylinderView {
  serial: string;
  state: CylinderState;
  revision: number;
  history: {
    revision: number;
    type: string;
    data: unknown;
    occurredAt?: string;
    recordedAt: string;
    actor?: unknown;
    correlationId?: string;
  }[];
}

export class CylinderNotFoundError extends Error {
  readonly httpStatus = HttpStatus.NOT_FOUND;
  readonly code = 'cylinder.not-found';
  constructor(serial: string) {
    super(`Cylinder ${serial} is not registered`);
  }
}

/** Current state and full history, straight from the cylinder's stream in the ledger. */
@QueryHandler(GetCylinderQuery)
export class GetCylinderHandler implements IQueryHandler<GetCylinderQuery> {
  constructor(private readonly ledger: LedgerStore) {}

  async execute({ serial }: GetCylinderQuery): Promise<CylinderView> {
    const recorded = await this.ledger.history(cylinderStreamName(serial));
    if (recorded.length === 0) throw new CylinderNotFoundError(serial);
    const state = cylinderStateFrom(recorded);
    return {
      serial,
      state,
      revision: recorded[recorded.length - 1].revision,
      history: recorded.map((event) => ({
        revision: event.revision,
        type: event.type,
        data: event.data,
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.recordedAt.toISOString(),
        actor: event.metadata.actor,
        correlationId: event.metadata.correlationId,
      })),
    };
  }
}

/** What the read rules need to know about a cylinder: owner, where it is, who moved it there. */
export function cylinderReadSubject(view: CylinderView): CylinderReadSubject {
  const location = cylinderLocation(view.state);
  const ownerId = 'ownerId' in view.state ? view.state.ownerId : undefined;
  const tripActorIds =
    location?.kind === 'trip'
      ? view.history
          .filter((event) => (event.data as { tripId?: unknown }).tripId === location.tripId)
          .map((event) => (event.actor as { userId?: string } | undefined)?.userId)
          .filter((id): id is string => typeof id === 'string')
      : [];
  return { serial: view.serial, ownerId, location, tripActorIds };
}
