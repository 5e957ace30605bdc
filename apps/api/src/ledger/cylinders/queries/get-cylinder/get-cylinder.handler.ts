import { HttpStatus } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { cylinderStreamName, type CylinderState } from '@oxyledger/domain';
import { cylinderStateFrom, LedgerStore } from '@oxyledger/ledger';
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
