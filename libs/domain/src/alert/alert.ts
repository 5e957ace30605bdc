import { InvalidCommand } from '../shared/domain-error';
import { VersionedEvent } from '../shared/event';
import { IsoInstant } from '../shared/time';
import { requireInstant } from '../shared/validation';

/**
 * What people do about an alert. The alert itself is a condition found in the read models
 * (a hospital low on oxygen, a plant down, ...); its id names the condition, so acknowledging
 * or resolving it is recorded in `alert-<id>` and holds as long as the condition does.
 */

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export type AlertAcknowledged = VersionedEvent<
  'AlertAcknowledged',
  { alertId: string; note: string | null; at: IsoInstant }
>;
export type AlertResolved = VersionedEvent<
  'AlertResolved',
  { alertId: string; note: string; at: IsoInstant }
>;
export type AlertEvent = AlertAcknowledged | AlertResolved;

export const ALERT_EVENT_VERSIONS: Readonly<Record<AlertEvent['type'], number>> = {
  AlertAcknowledged: 1,
  AlertResolved: 1,
};

export type AlertCommand =
  | { type: 'AcknowledgeAlert'; data: { alertId: string; note?: string; at: IsoInstant } }
  | { type: 'ResolveAlert'; data: { alertId: string; note: string; at: IsoInstant } };

export interface AlertHandling {
  acknowledgedAt: IsoInstant | null;
  resolvedAt: IsoInstant | null;
  note: string | null;
}

const ALERT_ID = /^[a-z-]+:[A-Za-z0-9:._-]{1,200}$/;

export function alertStreamName(alertId: string): string {
  return `alert-${alertId}`;
}

export function initialAlertHandling(): AlertHandling {
  return { acknowledgedAt: null, resolvedAt: null, note: null };
}

export function decideAlert(command: AlertCommand, state: AlertHandling): AlertEvent[] {
  const { alertId } = command.data;
  if (typeof alertId !== 'string' || !ALERT_ID.test(alertId)) {
    throw new InvalidCommand('alertId', 'must be an alert id such as supply:basra-general:low');
  }
  const at = requireInstant(command.data.at, 'at');
  if (command.type === 'AcknowledgeAlert') {
    if (state.acknowledgedAt !== null || state.resolvedAt !== null) return [];
    return [
      {
        type: 'AlertAcknowledged',
        version: 1,
        data: { alertId, note: command.data.note ?? null, at },
      },
    ];
  }
  const note = typeof command.data.note === 'string' ? command.data.note.trim() : '';
  if (note === '') throw new InvalidCommand('note', 'must say how the alert was resolved');
  if (state.resolvedAt !== null) return [];
  return [{ type: 'AlertResolved', version: 1, data: { alertId, note, at } }];
}

export function evolveAlert(state: AlertHandling, event: AlertEvent): AlertHandling {
  switch (event.type) {
    case 'AlertAcknowledged':
      return { ...state, acknowledgedAt: event.data.at, note: event.data.note ?? state.note };
    case 'AlertResolved':
      return { ...state, resolvedAt: event.data.at, note: event.data.note };
  }
}
