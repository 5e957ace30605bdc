/**
 * What the platform tells people about. Each kind is derived from one or more ledger events by
 * `notificationsFor`; users choose channels per kind.
 */
export const NOTIFICATION_KINDS = [
  'supply-critical',
  'plan-awaiting-approval',
  'plan-approved',
  'lot-recall',
  'scan-conflict',
  'help-request',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_CHANNELS = ['inbox', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * Help-request events as libs/domain/src/help-request defines them (stream `help-request-<requestId>`). The partners
 * area that appends them lives elsewhere; only the fields read here are typed.
 */
export const HELP_REQUEST_STREAM_PREFIX = 'help-request-';
export const HELP_REQUEST_EVENT_TYPES = [
  'HelpRequestOpened',
  'HelpRequestTriaged',
  'HelpRequestAssigned',
  'HelpRequestStarted',
  'HelpRequestResolved',
  'HelpRequestClosed',
  'HelpRequestReopened',
  'HelpRequestCommented',
] as const;
export type HelpRequestEventType = (typeof HELP_REQUEST_EVENT_TYPES)[number];

export interface HelpRequestOpenedData {
  requestId: string;
  category: string;
  urgency: string;
  facilityId: string;
  title: string;
  description: string;
  openedBy: string;
}

export interface HelpRequestAssignedData {
  requestId: string;
  assignee: { kind: 'person' | 'organisation'; id: string; userId?: string };
  assignedBy: string;
}
