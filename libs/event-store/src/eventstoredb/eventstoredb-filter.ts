import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
} from '@kurrent/kurrentdb-client';
import type { AllFilter, RecordedEvent } from '../event-store.port';

/**
 * The server filters `$all` on one thing only: stream name prefixes if given, else exact event
 * types, else it leaves out system events. Whatever it cannot filter is left to
 * `matchesFilter`, which every event read from `$all` goes through.
 */
export function serverFilter(filter?: AllFilter): Filter {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes?.length) {
    return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
}

/** The whole filter, and never a system event (`$`-prefixed type or stream). */
export function matchesFilter(event: RecordedEvent, filter?: AllFilter): boolean {
  if (event.type.startsWith('$') || event.streamName.startsWith('$')) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  if (
    filter?.streamPrefixes?.length &&
    !filter.streamPrefixes.some((prefix) => event.streamName.startsWith(prefix))
  ) {
    return false;
  }
  return true;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\#\s-]/g, (character) => `\\${character}`);
}
