/**
 * How the API should answer a refusal, without the domain knowing HTTP:
 * - `conflict`: the command is well formed but the current state forbids it (409);
 * - `invalid`: the command itself is malformed or breaks a static rule (422);
 * - `not-found`: the command names something that does not exist (404).
 */
export type DomainErrorKind = 'conflict' | 'invalid' | 'not-found';

export interface DomainErrorDetails {
  /** The cylinder concerned, when there is one. */
  serial?: string;
  /** The trip concerned, when there is one. */
  tripId?: string;
  /** The rule that was broken, in words. */
  rule: string;
  /** The state the command met, in words (e.g. `FULL at facility plant-1`). */
  currentState?: string;
  /** Anything else an operator needs to understand the refusal. */
  [key: string]: unknown;
}

/**
 * Base of every refusal. `code` is stable (e.g. `cylinder.not-empty`): clients and the API map on
 * it, never on the message or the class name.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  readonly serial?: string;
  readonly tripId?: string;
  readonly rule: string;
  readonly currentState?: string;
  readonly details: DomainErrorDetails;

  protected constructor(message: string, details: DomainErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.details = details;
    this.serial = details.serial;
    this.tripId = details.tripId;
    this.rule = details.rule;
    this.currentState = details.currentState;
  }

  /** The body fields an API answer carries (besides `code` and `message`). */
  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** A field of a command breaks a static rule (missing, malformed, out of range). */
export class InvalidCommand extends DomainError {
  readonly code = 'command.invalid';
  readonly kind = 'invalid';
  readonly field: string;

  constructor(field: string, rule: string, context: { serial?: string; tripId?: string } = {}) {
    const subject = context.serial
      ? `cylinder ${context.serial}`
      : context.tripId
        ? `trip ${context.tripId}`
        : 'command';
    super(`Invalid ${subject}: ${field} ${rule}`, { ...context, field, rule: `${field} ${rule}` });
    this.field = field;
  }
}

/** The same serial appears twice in one batch. */
export class DuplicateSerialInBatch extends DomainError {
  readonly code = 'batch.duplicate-serial';
  readonly kind = 'invalid';

  constructor(serial: string) {
    super(`Cylinder ${serial} appears more than once in the batch`, {
      serial,
      rule: 'a batch names each cylinder once',
    });
  }
}

/**
 * An atomic multi-cylinder command was refused: nothing moves. `errors` lists every reason found,
 * one or more per serial (and trip-level ones), in the order of the command.
 */
export class BatchRefused extends DomainError {
  readonly code = 'batch.refused';
  readonly kind: DomainErrorKind;
  readonly errors: readonly DomainError[];

  constructor(errors: readonly DomainError[]) {
    const unique = uniqueErrors(errors);
    super(
      `Batch refused, nothing was recorded (${unique.length} error${unique.length === 1 ? '' : 's'}): ` +
        unique.map((error) => error.message).join('; '),
      { rule: 'a batch moves all its cylinders or none', errorCount: unique.length },
    );
    this.errors = unique;
    // The most telling kind: a malformed command first, then a missing thing, then a conflict.
    this.kind = unique.some((e) => e.kind === 'invalid')
      ? 'invalid'
      : unique.some((e) => e.kind === 'not-found')
        ? 'not-found'
        : 'conflict';
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), errors: this.errors.map((error) => error.toJSON()) };
  }
}

/** The same rule reported twice for the same serial (e.g. by the trip and the cylinder) counts once. */
function uniqueErrors(errors: readonly DomainError[]): DomainError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.code}\u0000${error.serial ?? ''}\u0000${error.tripId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Runs `decide`, collecting a domain refusal into `errors` instead of throwing it. */
export function collectRefusal<T>(errors: DomainError[], decide: () => T): T | undefined {
  try {
    return decide();
  } catch (error) {
    if (error instanceof BatchRefused) {
      errors.push(...error.errors);
      return undefined;
    }
    if (error instanceof DomainError) {
      errors.push(error);
      return undefined;
    }
    throw error;
  }
}

/** One problem with admin-managed data (a facility, a vehicle, a size catalog). */
export interface ValidationIssue {
  field: string;
  rule: string;
}

/** Admin-managed data that breaks its rules; `issues` lists every problem found. */
export abstract class InvalidRecord extends DomainError {
  readonly kind = 'invalid';
  readonly issues: readonly ValidationIssue[];

  protected constructor(what: string, issues: readonly ValidationIssue[]) {
    super(`Invalid ${what}: ${issues.map((issue) => `${issue.field} ${issue.rule}`).join('; ')}`, {
      rule: `a ${what} must be valid`,
      issues: [...issues],
    });
    this.issues = issues;
  }
}

/**
 * A stream holds a sequence of events that `decide` could never have produced: the ledger was
 * written around the domain. Not a refusal (no command is at fault); an integrity failure.
 */
export class InconsistentStream extends Error {
  override readonly name = 'InconsistentStream';
}
