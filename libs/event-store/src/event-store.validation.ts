import { InvalidAppendError } from './event-store.errors';
import type { AppendRequest, StreamMetadata } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shared by every adapter, so a bad append is refused the same way whatever the store. */
export function validateAppendRequests(requests: AppendRequest[]): void {
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new InvalidAppendError('An append needs at least one stream');
  }
  const streams = new Set<string>();
  const ids = new Set<string>();
  for (const { streamName, events, expectedRevision } of requests) {
    if (typeof streamName !== 'string' || streamName.length === 0) {
      throw new InvalidAppendError('Stream name must be a non-empty string');
    }
    if (streams.has(streamName)) {
      throw new InvalidAppendError(`Stream '${streamName}' appears twice in one append`);
    }
    streams.add(streamName);
    const validExpected =
      expectedRevision === 'any' ||
      expectedRevision === 'no_stream' ||
      expectedRevision === 'stream_exists' ||
      (Number.isSafeInteger(expectedRevision) && (expectedRevision as number) >= 0);
    if (!validExpected) {
      throw new InvalidAppendError(
        `Expected revision for '${streamName}' must be any, no_stream, stream_exists or a revision >= 0, got ${String(expectedRevision)}`,
      );
    }
    if (!Array.isArray(events) || events.length === 0) {
      throw new InvalidAppendError(`Append to '${streamName}' has no events`);
    }
    for (const event of events) {
      if (typeof event.id !== 'string' || !UUID.test(event.id)) {
        throw new InvalidAppendError(`Event id must be a UUID, got '${String(event.id)}'`);
      }
      if (ids.has(event.id.toLowerCase())) {
        throw new InvalidAppendError(`Event id ${event.id} appears twice in one append`);
      }
      ids.add(event.id.toLowerCase());
      if (typeof event.type !== 'string' || event.type.length === 0) {
        throw new InvalidAppendError(`Event ${event.id} needs a non-empty type`);
      }
      if (event.data === undefined) {
        throw new InvalidAppendError(`Event ${event.id} has no data`);
      }
    }
  }
}

export function validateStreamMetadata(metadata: StreamMetadata): void {
  for (const key of ['truncateBefore', 'maxCount', 'maxAgeSeconds'] as const) {
    const value = metadata[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new InvalidAppendError(`Stream metadata '${key}' must be an integer >= 0`);
    }
  }
}
