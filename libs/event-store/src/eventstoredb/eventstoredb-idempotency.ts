import { EventIdConflictError } from '../event-store.errors';
import type { AppendRequest, AppendResult, Position, RecordedEvent } from '../event-store.port';
import { compareLogPositions } from './eventstoredb-position';

/**
 * Decides whether an append is a retry of one already stored, from the events each of its
 * streams holds (`storedPerRequest[i]` for `requests[i]`, any order, any other events mixed in).
 *
 * - none of its event ids stored: `undefined`, it is a new append;
 * - every id stored, in its request's stream, in the same order and contiguous, with the same
 *   type and data: the original append's result;
 * - anything else (some ids only, another order, other content): `EventIdConflictError`.
 */
export function findRetriedAppend(
  requests: AppendRequest[],
  storedPerRequest: RecordedEvent[][],
): AppendResult | undefined {
  const matches = requests.map((request, i) => {
    const ids = new Set(request.events.map((event) => event.id.toLowerCase()));
    const stored = storedPerRequest[i]
      .filter((event) => ids.has(event.id.toLowerCase()))
      .sort((a, b) => a.revision - b.revision);
    return { request, stored };
  });

  const storedIds = matches.flatMap(({ stored }) => stored.map((event) => event.id));
  if (storedIds.length === 0) return undefined;
  if (matches.some(({ request, stored }) => stored.length !== request.events.length)) {
    throw new EventIdConflictError(storedIds, 'only some events of this append are stored');
  }

  for (const { request, stored } of matches) {
    request.events.forEach((event, i) => {
      const original = stored[i];
      if (original.id.toLowerCase() !== event.id.toLowerCase()) {
        throw new EventIdConflictError([event.id], 'stored in a different order');
      }
      if (i > 0 && original.revision !== stored[i - 1].revision + 1) {
        throw new EventIdConflictError([event.id], 'stored apart from the rest of its append');
      }
      if (original.type !== event.type || !sameJson(original.data, event.data)) {
        throw new EventIdConflictError([event.id], 'stored with a different type or data');
      }
    });
  }

  const lastOfEach = matches.map(({ stored }) => stored[stored.length - 1]);
  return {
    streams: lastOfEach.map((last, i) => ({
      streamName: requests[i].streamName,
      nextExpectedRevision: last.revision,
    })),
    position: lastOfEach
      .map((last) => last.position)
      .reduce((latest: Position, position) =>
        compareLogPositions(position, latest) > 0 ? position : latest,
      ),
  };
}

/**
 * Whether the data as stored equals the data as given, compared as JSON would store it (key
 * order, `undefined` members and `Date`s versus their JSON text make no difference).
 */
export function sameJson(stored: unknown, given: unknown): boolean {
  const text = JSON.stringify(given) as string | undefined;
  return deepEqual(stored, text === undefined ? undefined : JSON.parse(text));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]))
  );
}
