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
