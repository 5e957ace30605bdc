import type { ExpectedRevision } from './event-store.port';

/** The stream is not at the revision the writer expected: nothing was written. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamName: string,
    readonly expectedRevision: ExpectedRevision,
    /** `no_stream` when the stream has no events. */
    readonly actualRevision: number | 'no_stream',
  ) {
    super(
      `Wrong expected version for stream '${streamName}': expected ${String(expectedRevision)}, actual ${String(actualRevision)}`,
    );
  }
}

/**
 * Some event ids of an append are already stored but the append is not an exact retry of the
 * earlier one (only some ids match, an id sits in another stream, or its content differs).
 */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly eventIds: string[],
    readonly reason: string,
  ) {
    super(`Event ids already used (${reason}): ${eventIds.join(', ')}`);
  }
}

export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}
