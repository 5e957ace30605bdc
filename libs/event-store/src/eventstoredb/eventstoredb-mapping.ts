import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  UnsupportedError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type CurrentStreamState,
  type EventData,
  type JSONType,
  type ResolvedEvent,
  type StreamMetadata as ClientStreamMetadata,
  type WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { InvalidAppendError, WrongExpectedVersionError } from '../event-store.errors';
import type {
  AppendRequest,
  EventMetadata,
  EventToAppend,
  ExpectedRevision,
  Position,
  RecordedEvent,
  StreamMetadata,
} from '../event-store.port';
import { encodePosition } from './eventstoredb-position';

/** Pure translations between the port and the KurrentDB client; unit-tested without a server. */

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The client reports a missing stream as `no_stream` (v1 API) or a negative revision (v2 API). */
export function toActualRevision(actual: CurrentStreamState | undefined): number | 'no_stream' {
  return typeof actual === 'bigint' && actual >= 0n ? Number(actual) : 'no_stream';
}

/** Our error for the client's, naming the request's own expected revision as the PG adapter does. */
export function toWrongExpectedVersion(
  error: ClientWrongExpectedVersionError,
  requests: AppendRequest[],
): WrongExpectedVersionError {
  const request = requests.find((r) => r.streamName === error.streamName) ?? requests[0];
  return new WrongExpectedVersionError(
    request.streamName,
    request.expectedRevision,
    toActualRevision(error.actualState),
  );
}

/** The server cannot append to several streams in one transaction; nothing was written. */
export class MultiStreamAppendUnsupportedError extends Error {
  override readonly name = 'MultiStreamAppendUnsupportedError';
  constructor(readonly streamNames: string[]) {
    super(
      `Appending to several streams atomically (${streamNames.join(', ')}) needs KurrentDB 25.1 ` +
        'or later (multiStreamAppend); this server does not offer it. Nothing was written. ' +
        'Upgrade the server, or use the PostgreSQL event store.',
    );
  }
}

/** gRPC status UNIMPLEMENTED: the server has no such method. */
const GRPC_UNIMPLEMENTED = 12;

/**
 * The client throws `UnsupportedError` when the server's feature list lacks the method; a server
 * that publishes no feature list answers the call itself with UNIMPLEMENTED.
 */
export function isUnsupportedByServer(error: unknown): boolean {
  if (error instanceof UnsupportedError) return true;
  return (error as { code?: unknown } | null)?.code === GRPC_UNIMPLEMENTED;
}

/** For `appendToStream` (any server): data and metadata are stored as JSON. */
export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    ...(event.metadata ? { metadata: event.metadata as JSONType } : {}),
  });
}

/**
 * For `multiStreamAppend`, whose metadata may only hold string values (a restriction of
 * KurrentDB 25.1 and this client): strings go as they are, other values as JSON text, and the
 * names of those are listed under this key so reading turns them back into values.
 */
export const JSON_VALUED_METADATA_KEYS = 'oxyledger.jsonValuedKeys';

export function toAtomicEventData(event: EventToAppend): EventData {
  const metadata = metadataAsStrings(event.metadata);
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    ...(metadata ? { metadata } : {}),
  });
}

export function metadataAsStrings(
  metadata: EventMetadata | undefined,
): Record<string, string> | undefined {
  if (!metadata) return undefined;
  const strings: Record<string, string> = {};
  const jsonValuedKeys: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'string') {
      strings[key] = value;
      continue;
    }
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) continue; // undefined, functions: JSON leaves them out too
    strings[key] = json;
    jsonValuedKeys.push(key);
  }
  if (jsonValuedKeys.length) strings[JSON_VALUED_METADATA_KEYS] = JSON.stringify(jsonValuedKeys);
  return Object.keys(strings).length ? strings : undefined;
}

/**
 * Metadata as the writer gave it. Undoes `metadataAsStrings`, and drops the `$schema.*` entries
 * KurrentDB adds to events written through its v2 append API.
 */
export function decodeEventMetadata(raw: unknown): EventMetadata {
  if (!isJsonObject(raw)) return {};
  const jsonValuedKeys = new Set(parseStringList(raw[JSON_VALUED_METADATA_KEYS]));
  const metadata: EventMetadata = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === JSON_VALUED_METADATA_KEYS || key.startsWith('$schema.')) continue;
    metadata[key] =
      jsonValuedKeys.has(key) && typeof value === 'string' ? parseJson(value, value) : value;
  }
  return metadata;
}

/**
 * The port's view of a stored event, or `undefined` for one whose data is not JSON (not written
 * through this port).
 */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  let data: unknown = event.data;
  if (!event.isJson) {
    if (!(event.data instanceof Uint8Array)) return undefined;
    data = parseJson(Buffer.from(event.data).toString('utf8'), NOT_JSON);
    if (data === NOT_JSON) return undefined;
  }
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamId,
    revision: Number(event.revision),
    position: positionOf(resolved)!,
    data,
    metadata: decodeEventMetadata(event.metadata),
    recordedAt: event.created,
  };
}

/**
 * Where a record read from the server sits in the log: `undefined` only for an empty record.
 * Throws if the server gives no log position (EventStoreDB before 22.6).
 */
export function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): Position | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  // Events written since EventStoreDB 20 have commit = prepare, so the commit position suffices.
  const position =
    event.position ??
    (resolved.commitPosition !== undefined
      ? { commit: resolved.commitPosition, prepare: resolved.commitPosition }
      : undefined);
  if (!position) {
    throw new Error(
      `The server gave no log position for event ${event.id}: EventStoreDB 22.6 or later is needed`,
    );
  }
  return encodePosition(position);
}

/**
 * Keys the client would turn into server settings (`maxAge` → `$maxAge`, `acl` → `$acl`, …) or
 * that the server reserves (`$…`): as custom metadata they would silently change what the
 * server does, so they are refused.
 */
const SERVER_METADATA_KEYS = new Set(['maxAge', 'cacheControl', 'acl']);

export function toClientStreamMetadata(metadata: StreamMetadata): ClientStreamMetadata {
  const { truncateBefore, maxCount, maxAgeSeconds, ...custom } = metadata;
  for (const key of Object.keys(custom)) {
    if (SERVER_METADATA_KEYS.has(key) || key.startsWith('$')) {
      throw new InvalidAppendError(
        `Stream metadata key '${key}' is reserved by EventStoreDB; use another name`,
      );
    }
  }
  return {
    ...custom,
    ...(truncateBefore !== undefined ? { truncateBefore } : {}),
    ...(maxCount !== undefined ? { maxCount } : {}),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function fromClientStreamMetadata(
  metadata: ClientStreamMetadata | undefined,
): StreamMetadata {
  if (!metadata) return {};
  // Access control and caching are the server's business, not the ledger's.
  const { truncateBefore, maxCount, maxAge, acl: _acl, cacheControl: _cache, ...custom } = metadata;
  return {
    ...custom,
    ...(typeof truncateBefore === 'number' ? { truncateBefore } : {}),
    ...(typeof maxCount === 'number' ? { maxCount } : {}),
    ...(typeof maxAge === 'number' ? { maxAgeSeconds: maxAge } : {}),
  };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

function parseStringList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  const parsed = parseJson(value, []);
  return Array.isArray(parsed)
    ? parsed.filter((item): item is string => typeof item === 'string')
    : [];
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}
