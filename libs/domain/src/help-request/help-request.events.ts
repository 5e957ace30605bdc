import type { VersionedEvent } from '../shared/event';

/**
 * Help requests: tickets raised by a hospital, a plant or a dispatcher and tracked to their end.
 * Stream `help-request-<requestId>`. The type names and fields are a contract: notifications
 * (libs/notifications) subscribe to them.
 */

export const HELP_REQUEST_CATEGORIES = [
  'plant-breakdown',
  'maintenance',
  'urgent-supply',
  'training',
  'equipment',
] as const;
export type HelpRequestCategory = (typeof HELP_REQUEST_CATEGORIES)[number];

export const HELP_REQUEST_URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export type HelpRequestUrgency = (typeof HELP_REQUEST_URGENCIES)[number];

export const HELP_REQUEST_STATES = [
  'opened',
  'triaged',
  'assigned',
  'in-progress',
  'resolved',
  'closed',
  'reopened',
] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATES)[number];

export interface HelpRequestAssignee {
  kind: 'person' | 'organisation';
  id: string;
  /** The platform user the person is, when they have one: notifications reach them there. */
  userId?: string;
}

export const HelpRequestEventType = {
  Opened: 'HelpRequestOpened',
  Triaged: 'HelpRequestTriaged',
  Assigned: 'HelpRequestAssigned',
  Started: 'HelpRequestStarted',
  Resolved: 'HelpRequestResolved',
  Closed: 'HelpRequestClosed',
  Reopened: 'HelpRequestReopened',
  Commented: 'HelpRequestCommented',
} as const;

/** Every help-request event type, for subscribers that take them all. */
export const HELP_REQUEST_EVENT_TYPES = Object.values(HelpRequestEventType);

export type HelpRequestOpened = VersionedEvent<
  'HelpRequestOpened',
  {
    requestId: string;
    category: HelpRequestCategory;
    urgency: HelpRequestUrgency;
    facilityId: string;
    title: string;
    description: string;
    /** userId of who opened it. */
    openedBy: string;
    /** SHA-256 of each photo; the bytes are kept in `app.help_request_photos`. */
    photos?: string[];
  }
>;
export type HelpRequestTriaged = VersionedEvent<
  'HelpRequestTriaged',
  { requestId: string; urgency: HelpRequestUrgency; triagedBy: string }
>;
export type HelpRequestAssigned = VersionedEvent<
  'HelpRequestAssigned',
  { requestId: string; assignee: HelpRequestAssignee; assignedBy: string }
>;
export type HelpRequestStarted = VersionedEvent<
  'HelpRequestStarted',
  { requestId: string; by: string }
>;
export type HelpRequestResolved = VersionedEvent<
  'HelpRequestResolved',
  { requestId: string; resolution: string; by: string }
>;
export type HelpRequestClosed = VersionedEvent<
  'HelpRequestClosed',
  { requestId: string; by: string }
>;
export type HelpRequestReopened = VersionedEvent<
  'HelpRequestReopened',
  { requestId: string; reason: string; by: string }
>;
export type HelpRequestCommented = VersionedEvent<
  'HelpRequestCommented',
  { requestId: string; note: string; by: string }
>;

export type HelpRequestEvent =
  | HelpRequestOpened
  | HelpRequestTriaged
  | HelpRequestAssigned
  | HelpRequestStarted
  | HelpRequestResolved
  | HelpRequestClosed
  | HelpRequestReopened
  | HelpRequestCommented;

export const HELP_REQUEST_EVENT_VERSIONS: Readonly<Record<HelpRequestEvent['type'], number>> = {
  HelpRequestOpened: 1,
  HelpRequestTriaged: 1,
  HelpRequestAssigned: 1,
  HelpRequestStarted: 1,
  HelpRequestResolved: 1,
  HelpRequestClosed: 1,
  HelpRequestReopened: 1,
  HelpRequestCommented: 1,
};

export const HELP_REQUEST_STREAM_PREFIX = 'help-request-';

export function helpRequestStreamName(requestId: string): string {
  return `${HELP_REQUEST_STREAM_PREFIX}${requestId}`;
}
