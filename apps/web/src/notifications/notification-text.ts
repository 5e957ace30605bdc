import type { TFunction } from 'i18next';
import type { components } from '../api/schema';

export type InboxItem = components['schemas']['InboxItemView'];

/** A notification in the reader's language, from its kind and params (the api's title is English). */
export function notificationText(t: TFunction, item: InboxItem): string {
  const params: Record<string, unknown> = { ...item.params };
  if (item.kind === 'supply-critical') params.level = t(`level.${String(params.level)}`);
  if (item.kind === 'help-request')
    params.change = t(`notifications.change.${String(params.change)}`);
  return t(`notifications.message.${item.kind}`, params);
}
