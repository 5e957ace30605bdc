import {
  HELP_REQUEST_EVENT_TYPES,
  type HelpRequestAssigned,
  type HelpRequestOpened,
} from '@oxyledger/domain';
import type { NotificationKind } from './notification-kinds';

/** The ledger event a notification comes from: only what the rules read. */
export interface SourceEvent {
  id: string;
  type: string;
  streamName: string;
  data: unknown;
  /** The user who caused it, from the event's metadata, when known: not told of their own act. */
  actorUserId?: string;
}

/**
 * Who is to be told, in terms the recipient resolver turns into users:
 * - `users`: these user ids;
 * - `facilityUsers`: the hospital and plant users of these facilities;
 * - `dispatchers`: every national dispatcher, and those of these suppliers (`all`: of every
 *   supplier, for a hospital's supply, which every dispatcher watches);
 * - `dispatchersOfFacilities` / `dispatchersOfTrip`: as above, the suppliers found from the
 *   facilities (their owners), or from the trip's vehicle.
 */
export interface Audience {
  users?: string[];
  facilityUsers?: string[];
  dispatchers?: { suppliers: string[] | 'all' };
  dispatchersOfFacilities?: string[];
  dispatchersOfTrip?: string;
  /** Never this user (who did it). */
  except?: string;
}

export interface NotificationIntent {
  kind: NotificationKind;
  /** Urgent notifications may pass quiet hours (the user decides); see README. */
  urgent: boolean;
  /**
   * What it is about, e.g. a lot: a user already told of this kind about this subject is not
   * told again (a recall records its cylinders in several chunks).
   */
  subject: string;
  /** Plain English, for e-mail and webhooks; the web app renders `params` in the user's language. */
  title: string;
  body: string;
  params: Record<string, string | number | null>;
  /** Path in the web app to open. */
  link: string;
  audience: Audience;
}

/**
 * What the rules remember between events of a stream (a plan's drivers and suppliers, a help
 * request's opener and assignee), kept by the projection in its own tables.
 */
export interface RuleMemory {
  plan?: { driverUserIds: string[]; originFacilityIds: string[] };
  helpRequest?: HelpRequestMemory;
}

export interface HelpRequestMemory {
  requestId: string;
  facilityId: string;
  openedBy: string;
  title: string;
  assigneeUserId: string | null;
}

const URGENT_LEVELS = ['critical', 'out'];

/**
 * The notifications one committed ledger event gives rise to. Pure: the projection feeds it
 * each event with what it remembers of the event's stream, and stores the result keyed by
 * (event, recipient, channel) so that each is sent once.
 */
export function notificationsFor(
  event: SourceEvent,
  memory: RuleMemory = {},
): NotificationIntent[] {
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'SupplyLevelChanged': {
      const to = String(data.to);
      if (!URGENT_LEVELS.includes(to) || data.from === to) return [];
      const facilityId = String(data.facilityId);
      const days = typeof data.daysOfSupply === 'number' ? data.daysOfSupply : null;
      return [
        {
          kind: 'supply-critical',
          urgent: true,
          subject: `${facilityId}:${to}`,
          title: `${facilityId}: oxygen supply ${to === 'out' ? 'is out' : 'is critical'}`,
          body:
            to === 'out'
              ? `Hospital ${facilityId} has no oxygen cylinders left on hand.`
              : `Hospital ${facilityId} has ${days === null ? 'little' : days.toFixed(1) + ' days of'} oxygen supply left.`,
          params: { facilityId, level: to, daysOfSupply: days },
          link: `/hospitals/${encodeURIComponent(facilityId)}`,
          audience: { facilityUsers: [facilityId], dispatchers: { suppliers: 'all' } },
        },
      ];
    }
    case 'RoutePlanProposed': {
      const planId = String(data.planId);
      const routes = (data.routes ?? []) as { originFacilityId: string }[];
      const origins = [...new Set(routes.map((route) => route.originFacilityId))].sort();
      const stops = routes.reduce(
        (n, route) => n + ((route as { stops?: unknown[] }).stops?.length ?? 0),
        0,
      );
      return [
        {
          kind: 'plan-awaiting-approval',
          urgent: false,
          subject: planId,
          title: `Refill plan ${planId} awaits approval`,
          body: `A refill plan for ${String(data.region)} with ${routes.length} routes and ${stops} stops awaits a dispatcher's approval.`,
          params: { planId, region: String(data.region), routes: routes.length, stops },
          link: `/plans/${encodeURIComponent(planId)}`,
          audience: { dispatchersOfFacilities: origins, except: event.actorUserId },
        },
      ];
    }
    case 'RoutePlanApproved': {
      const planId = String(data.planId);
      const drivers = memory.plan?.driverUserIds ?? [];
      if (drivers.length === 0) return [];
      return [
        {
          kind: 'plan-approved',
          urgent: false,
          subject: planId,
          title: `Refill plan ${planId} approved: you have a trip`,
          body: `Refill plan ${planId} was approved; your trip is on your phone's trip list.`,
          params: { planId },
          link: `/plans/${encodeURIComponent(planId)}`,
          audience: { users: drivers, except: event.actorUserId },
        },
      ];
    }
    case 'LotRecallChunkRecorded': {
      const lot = String(data.lot);
      const results = (data.results ?? []) as {
        location: { kind: string; id: string } | null;
        deliveredTo?: string[];
      }[];
      const facilities = new Set<string>();
      for (const result of results) {
        if (result.location?.kind === 'facility') facilities.add(result.location.id);
        for (const hospital of result.deliveredTo ?? []) facilities.add(hospital);
      }
      if (facilities.size === 0) return [];
      return [
        {
          kind: 'lot-recall',
          urgent: true,
          subject: lot,
          title: `Recall of lot ${lot}`,
          body: `Cylinders of lot ${lot} were at or delivered to your facility; they are quarantined. Check the recall report.`,
          params: { lot },
          link: `/recalls/${encodeURIComponent(lot)}`,
          audience: { facilityUsers: [...facilities].sort() },
        },
      ];
    }
    case 'ScanConflictRecorded': {
      const conflictId = String(data.conflictId);
      const tripId = String(data.tripId);
      const facilityId = String(data.facilityId);
      return [
        {
          kind: 'scan-conflict',
          urgent: false,
          subject: conflictId,
          title: `Scan conflict to review on trip ${tripId}`,
          body: `A driver's offline confirmation at ${facilityId} was refused by the ledger and waits for review.`,
          params: { conflictId, tripId, facilityId },
          link: '/scan-conflicts',
          audience: { dispatchersOfTrip: tripId },
        },
      ];
    }
  }
  if ((HELP_REQUEST_EVENT_TYPES as readonly string[]).includes(event.type)) {
    return helpRequestNotifications(event, memory.helpRequest);
  }
  return [];
}

const HELP_REQUEST_CHANGES: Record<string, string> = {
  HelpRequestOpened: 'opened',
  HelpRequestTriaged: 'triaged',
  HelpRequestAssigned: 'assigned',
  HelpRequestStarted: 'started',
  HelpRequestResolved: 'resolved',
  HelpRequestClosed: 'closed',
  HelpRequestReopened: 'reopened',
  HelpRequestCommented: 'commented',
};

function helpRequestNotifications(
  event: SourceEvent,
  known: HelpRequestMemory | undefined,
): NotificationIntent[] {
  const request = rememberHelpRequest(known, event);
  if (!request) return [];
  const data = event.data as Record<string, unknown>;
  const change = HELP_REQUEST_CHANGES[event.type];
  const urgency =
    event.type === 'HelpRequestOpened'
      ? String((data as unknown as HelpRequestOpened['data']).urgency)
      : null;
  const by =
    typeof data.by === 'string'
      ? data.by
      : typeof data.assignedBy === 'string'
        ? data.assignedBy
        : typeof data.openedBy === 'string'
          ? data.openedBy
          : event.actorUserId;
  const users = [request.openedBy, request.assigneeUserId].filter(
    (id): id is string => typeof id === 'string' && id !== '',
  );
  return [
    {
      kind: 'help-request',
      urgent: urgency === 'critical',
      subject: `${request.requestId}:${event.id}`,
      title: `Help request "${request.title}" ${change}`,
      body:
        change === 'assigned'
          ? `Help request "${request.title}" at ${request.facilityId} was assigned.`
          : `Help request "${request.title}" at ${request.facilityId} was ${change}.`,
      params: {
        requestId: request.requestId,
        change,
        facilityId: request.facilityId,
        title: request.title,
      },
      link: `/help-requests/${encodeURIComponent(request.requestId)}`,
      audience: {
        users: [...new Set(users)],
        dispatchersOfFacilities: [request.facilityId],
        except: by,
      },
    },
  ];
}

/** What is remembered of a help request once `event` is applied; `undefined` if unknown. */
export function rememberHelpRequest(
  known: HelpRequestMemory | undefined,
  event: Pick<SourceEvent, 'type' | 'data'>,
): HelpRequestMemory | undefined {
  if (event.type === 'HelpRequestOpened') {
    const data = event.data as HelpRequestOpened['data'];
    return {
      requestId: String(data.requestId),
      facilityId: String(data.facilityId),
      openedBy: String(data.openedBy),
      title: String(data.title ?? ''),
      assigneeUserId: null,
    };
  }
  if (!known) return undefined;
  if (event.type === 'HelpRequestAssigned') {
    const { assignee } = event.data as HelpRequestAssigned['data'];
    return { ...known, assigneeUserId: assignee?.userId ?? null };
  }
  return known;
}

/** A plan's drivers and origins, remembered from its proposal and edits. */
export function rememberPlan(event: Pick<SourceEvent, 'type' | 'data'>): RuleMemory['plan'] {
  if (event.type !== 'RoutePlanProposed' && event.type !== 'RoutePlanEdited') return undefined;
  const routes = ((event.data as { routes?: unknown[] }).routes ?? []) as {
    driverId: string | null;
    originFacilityId: string;
  }[];
  return {
    driverUserIds: [...new Set(routes.map((r) => r.driverId).filter((d): d is string => !!d))],
    originFacilityIds: [...new Set(routes.map((r) => r.originFacilityId))],
  };
}
