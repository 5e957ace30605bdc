import { DomainError, InvalidCommand } from '../shared/domain-error';
import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';
import { requireInstant } from '../shared/validation';

/**
 * A refill route plan: proposed by the planner, edited by a dispatcher, then approved (which
 * creates its trips) or rejected. Stream `route-plan-<id>`. The plan's content is checked by
 * the planning service before it reaches here; this decider keeps the lifecycle honest — one
 * decision per plan, no edits after it.
 */

/** Cylinders per size code, e.g. `{ J: 4, E: 10 }`. */
export type CylindersBySize = Record<string, number>;

export interface PlannedStop {
  facilityId: string;
  arrivalAt: IsoInstant;
  /** When unloading starts: the arrival, or the opening of receiving hours if later. */
  serviceStartsAt: IsoInstant;
  departureAt: IsoInstant;
  deliver: CylindersBySize;
  collect: CylindersBySize;
}

export interface PlannedRoute {
  routeId: string;
  vehicleId: string;
  driverId: string | null;
  originFacilityId: string;
  departureAt: IsoInstant;
  returnAt: IsoInstant;
  distanceKm: number;
  durationMinutes: number;
  /** Full cylinders loaded at the producer, per size. */
  loadAtOrigin: CylindersBySize;
  stops: PlannedStop[];
}

export const UNSERVED_REASONS = [
  'no-stock',
  'no-vehicle',
  'outside-receiving-hours',
  /** It could be reached in its receiving hours, but no vehicle would be back before shift end. */
  'cannot-return-in-shift',
  'dropped-by-dispatcher',
  'no-driver',
] as const;
export type UnservedReason = (typeof UNSERVED_REASONS)[number];

export interface UnservedDemand {
  facilityId: string;
  sizeCode: string;
  cylinders: number;
  reason: UnservedReason;
  detail: string;
}

export interface RoutePlanContent {
  routes: PlannedRoute[];
  unserved: UnservedDemand[];
  totals: {
    routes: number;
    stops: number;
    distanceKm: number;
    durationMinutes: number;
    deliver: CylindersBySize;
    collect: CylindersBySize;
  };
}

export type RoutePlanEdit =
  | {
      kind: 'move-stop';
      facilityId: string;
      fromRouteId: string;
      toRouteId: string;
      position: number;
    }
  | { kind: 'drop-stop'; facilityId: string; routeId: string };

export type RoutePlanProposed = VersionedEvent<
  'RoutePlanProposed',
  RoutePlanContent & {
    planId: string;
    region: string;
    at: IsoInstant;
    /** Why planning ran: schedule, on-demand, a hospital below its reorder point. */
    reason: string;
    /** Cylinders each producer must fill before its trucks leave for the plan to load. */
    fillFirst: { facilityId: string; sizeCode: string; cylinders: number }[];
    solver: { elapsedMs: number; iterations: number; cost: number; feasible: boolean };
  }
>;
export type RoutePlanEdited = VersionedEvent<
  'RoutePlanEdited',
  RoutePlanContent & { planId: string; at: IsoInstant; edit: RoutePlanEdit }
>;
export type RoutePlanApproved = VersionedEvent<
  'RoutePlanApproved',
  { planId: string; at: IsoInstant; trips: { routeId: string; tripId: string }[] }
>;
export type RoutePlanRejected = VersionedEvent<
  'RoutePlanRejected',
  { planId: string; at: IsoInstant; reason: string }
>;
export type RoutePlanEvent =
  RoutePlanProposed | RoutePlanEdited | RoutePlanApproved | RoutePlanRejected;

export const ROUTE_PLAN_EVENT_VERSIONS: Readonly<Record<RoutePlanEvent['type'], number>> = {
  RoutePlanProposed: 1,
  RoutePlanEdited: 1,
  RoutePlanApproved: 1,
  RoutePlanRejected: 1,
};

export type RoutePlanCommand =
  | { type: 'ProposeRoutePlan'; data: RoutePlanProposed['data'] }
  | { type: 'EditRoutePlan'; data: RoutePlanEdited['data'] }
  | {
      type: 'ApproveRoutePlan';
      data: { planId: string; at: IsoInstant; trips: { routeId: string; tripId: string }[] };
    }
  | { type: 'RejectRoutePlan'; data: { planId: string; at: IsoInstant; reason: string } };

export type RoutePlanStatus = 'none' | 'proposed' | 'approved' | 'rejected';

export interface RoutePlanState {
  status: RoutePlanStatus;
  content: RoutePlanContent | null;
  /** When the planner proposed it: the moment its times and shift are counted from. */
  proposedAt: IsoInstant | null;
}

export function routePlanStreamName(planId: string): string {
  return `route-plan-${planId}`;
}

export function initialRoutePlanState(): RoutePlanState {
  return { status: 'none', content: null, proposedAt: null };
}

/** The plan has been approved or rejected already, or does not exist. */
export class RoutePlanNotOpen extends DomainError {
  readonly code = 'route-plan.not-open';
  readonly kind = 'conflict';

  constructor(planId: string, status: RoutePlanStatus, attempted: string) {
    super(
      `Route plan ${planId} is ${status === 'none' ? 'unknown' : status}; it cannot be ${attempted}`,
      {
        planId,
        rule: `only a proposed plan can be ${attempted}`,
        currentState: status,
      },
    );
  }
}

export class RoutePlanNotFound extends DomainError {
  readonly code = 'route-plan.not-found';
  readonly kind = 'not-found';

  constructor(planId: string) {
    super(`Route plan ${planId} does not exist`, { planId, rule: 'the plan must exist' });
  }
}

export function decideRoutePlan(
  command: RoutePlanCommand,
  state: RoutePlanState,
): RoutePlanEvent[] {
  const { planId } = command.data;
  if (typeof planId !== 'string' || planId.trim() === '') {
    throw new InvalidCommand('planId', 'must be a non-empty string');
  }
  const at = requireInstant(command.data.at, 'at');
  switch (command.type) {
    case 'ProposeRoutePlan':
      if (state.status !== 'none')
        throw new RoutePlanNotOpen(planId, state.status, 'proposed again');
      return [{ type: 'RoutePlanProposed', version: 1, data: { ...command.data, at } }];
    case 'EditRoutePlan':
      requireOpen(planId, state, 'edited');
      return [{ type: 'RoutePlanEdited', version: 1, data: { ...command.data, at } }];
    case 'ApproveRoutePlan': {
      requireOpen(planId, state, 'approved');
      const routes = state.content?.routes ?? [];
      const named = new Set(command.data.trips.map((trip) => trip.routeId));
      if (named.size !== routes.length || routes.some((route) => !named.has(route.routeId))) {
        throw new InvalidCommand('trips', 'must name one trip for every route of the plan');
      }
      return [
        { type: 'RoutePlanApproved', version: 1, data: { planId, at, trips: command.data.trips } },
      ];
    }
    case 'RejectRoutePlan': {
      requireOpen(planId, state, 'rejected');
      const reason = typeof command.data.reason === 'string' ? command.data.reason.trim() : '';
      if (reason === '') throw new InvalidCommand('reason', 'must say why the plan is rejected');
      return [{ type: 'RoutePlanRejected', version: 1, data: { planId, at, reason } }];
    }
  }
}

function requireOpen(planId: string, state: RoutePlanState, attempted: string): void {
  if (state.status === 'none') throw new RoutePlanNotFound(planId);
  if (state.status !== 'proposed') throw new RoutePlanNotOpen(planId, state.status, attempted);
}

export function evolveRoutePlan(state: RoutePlanState, event: RoutePlanEvent): RoutePlanState {
  switch (event.type) {
    case 'RoutePlanProposed':
    case 'RoutePlanEdited': {
      const { routes, unserved, totals } = event.data;
      const proposedAt = event.type === 'RoutePlanProposed' ? event.data.at : state.proposedAt;
      return { status: 'proposed', content: { routes, unserved, totals }, proposedAt };
    }
    case 'RoutePlanApproved':
      return { ...state, status: 'approved' };
    case 'RoutePlanRejected':
      return { ...state, status: 'rejected' };
  }
}
