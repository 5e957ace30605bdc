import {
  fromStoredEvent,
  isRoutePlanEvent,
  type RoutePlanContent,
  type RoutePlanEdit,
  type RoutePlanEvent,
  type RoutePlanStatus,
} from '@oxyledger/domain';
import type { RecordedEvent } from '@oxyledger/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection';

/** A route plan as dispatchers see it: the current routes, and how it got there. */
export interface RoutePlanRecord extends RoutePlanContent {
  planId: string;
  region: string;
  status: Exclude<RoutePlanStatus, 'none'>;
  reason: string;
  proposedAt: string;
  fillFirst: { facilityId: string; sizeCode: string; cylinders: number }[];
  solver: { elapsedMs: number; iterations: number; cost: number; feasible: boolean };
  edits: { at: string; edit: RoutePlanEdit }[];
  decidedAt: string | null;
  rejectionReason: string | null;
  trips: { routeId: string; tripId: string }[];
}

/** `route-plans`: one row per plan, from the `route-plan-` streams. */
export class RoutePlansProjection implements Projection {
  readonly name = 'route-plans';
  readonly filter = { streamPrefixes: ['route-plan-'] };
  readonly tables = ['route_plans'] as const;

  async apply(events: RecordedEvent[], transaction: EntityManager): Promise<void> {
    const planIds = [...new Set(events.map((event) => planIdOf(event.streamName)))];
    const rows = (await transaction.query(
      'SELECT record FROM route_plans WHERE plan_id = ANY($1)',
      [planIds],
    )) as { record: RoutePlanRecord }[];
    const records = new Map(rows.map(({ record }) => [record.planId, record]));
    for (const recorded of events) {
      const event = fromStoredEvent(recorded);
      if (!isRoutePlanEvent(event)) continue;
      const planId = planIdOf(recorded.streamName);
      const next = recordRoutePlanEvent(records.get(planId), event);
      if (next) records.set(planId, next);
    }
    for (const record of records.values()) {
      await transaction.query(
        `INSERT INTO route_plans (plan_id, region, status, proposed_at, decided_at, record)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (plan_id) DO UPDATE SET status = EXCLUDED.status,
           decided_at = EXCLUDED.decided_at, record = EXCLUDED.record`,
        [
          record.planId,
          record.region,
          record.status,
          record.proposedAt,
          record.decidedAt,
          JSON.stringify(record),
        ],
      );
    }
  }
}

export function recordRoutePlanEvent(
  record: RoutePlanRecord | undefined,
  event: RoutePlanEvent,
): RoutePlanRecord | undefined {
  if (event.type === 'RoutePlanProposed') {
    const { planId, region, at, reason, solver, routes, unserved, totals, fillFirst } = event.data;
    return {
      planId,
      region,
      status: 'proposed',
      reason,
      proposedAt: at,
      fillFirst: fillFirst ?? [],
      solver,
      routes,
      unserved,
      totals,
      edits: [],
      decidedAt: null,
      rejectionReason: null,
      trips: [],
    };
  }
  if (!record) return undefined;
  switch (event.type) {
    case 'RoutePlanEdited': {
      const { routes, unserved, totals, at, edit } = event.data;
      return { ...record, routes, unserved, totals, edits: [...record.edits, { at, edit }] };
    }
    case 'RoutePlanApproved':
      return { ...record, status: 'approved', decidedAt: event.data.at, trips: event.data.trips };
    case 'RoutePlanRejected':
      return {
        ...record,
        status: 'rejected',
        decidedAt: event.data.at,
        rejectionReason: event.data.reason,
      };
  }
}

function planIdOf(streamName: string): string {
  return streamName.slice('route-plan-'.length);
}
