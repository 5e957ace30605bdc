import { DomainError, DuplicateSerialInBatch, InvalidCommand } from './domain-error';
import { isIsoDate, isIsoInstant } from './time';

/** Context put on validation errors so they name the cylinder or the trip. */
export interface ErrorContext {
  serial?: string;
  tripId?: string;
}

/**
 * Serial numbers as printed on a cylinder's barcode / QR code: 1–64 characters, letters, digits
 * and `- _ / .`, starting with a letter or a digit.
 */
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9\-_/.]{0,63}$/;
/** Ids of facilities, trips, vehicles, users: opaque, non-blank, at most 128 characters. */
const MAX_ID_LENGTH = 128;

export function isSerial(value: unknown): value is string {
  return typeof value === 'string' && SERIAL.test(value);
}

export function requireSerial(value: unknown, field = 'serial'): string {
  if (!isSerial(value)) throw invalidSerial(value, field);
  return value;
}

function invalidSerial(value: unknown, field: string): InvalidCommand {
  return new InvalidCommand(
    field,
    'must be 1–64 letters, digits or - _ / ., starting with a letter or digit',
    typeof value === 'string' && value.length > 0 && value.length <= 64 ? { serial: value } : {},
  );
}

export function requireId(value: unknown, field: string, context: ErrorContext = {}): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ID_LENGTH) {
    throw new InvalidCommand(
      field,
      `must be a non-blank id of at most ${MAX_ID_LENGTH} characters`,
      context,
    );
  }
  return value;
}

export function requireText(
  value: unknown,
  field: string,
  context: ErrorContext = {},
  max = 500,
): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new InvalidCommand(field, `must be non-blank text of at most ${max} characters`, context);
  }
  return value;
}

export function requireInstant(value: unknown, field: string, context: ErrorContext = {}): string {
  if (!isIsoInstant(value)) {
    throw new InvalidCommand(
      field,
      'must be an ISO 8601 instant with a time zone, e.g. 2025-03-01T08:30:00Z',
      context,
    );
  }
  return value;
}

export function requireDate(value: unknown, field: string, context: ErrorContext = {}): string {
  if (!isIsoDate(value)) {
    throw new InvalidCommand(field, 'must be a calendar date YYYY-MM-DD', context);
  }
  return value;
}

export function requireNumberInRange(
  value: unknown,
  field: string,
  range: { min: number; max: number; minExclusive?: boolean },
  context: ErrorContext = {},
): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.minExclusive ? value > range.min : value >= range.min) &&
    value <= range.max;
  if (!ok) {
    const lower = range.minExclusive ? `greater than ${range.min}` : `at least ${range.min}`;
    throw new InvalidCommand(field, `must be a number ${lower} and at most ${range.max}`, context);
  }
  return value;
}

export function requireIntegerInRange(
  value: unknown,
  field: string,
  range: { min: number; max: number },
  context: ErrorContext = {},
): number {
  if (!Number.isInteger(value) || (value as number) < range.min || (value as number) > range.max) {
    throw new InvalidCommand(
      field,
      `must be a whole number from ${range.min} to ${range.max}`,
      context,
    );
  }
  return value as number;
}

export function requireNonEmptyList<T>(
  value: readonly T[] | undefined,
  field: string,
  context: ErrorContext = {},
): readonly T[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidCommand(field, 'must list at least one item', context);
  }
  return value;
}

/** Every serial well formed and named once; all problems are reported, one error per serial. */
export function serialListProblems(serials: readonly unknown[], field = 'serials'): DomainError[] {
  const problems: DomainError[] = [];
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const serial of serials) {
    if (!isSerial(serial)) {
      problems.push(invalidSerial(serial, field));
    } else if (seen.has(serial)) {
      if (!reported.has(serial)) problems.push(new DuplicateSerialInBatch(serial));
      reported.add(serial);
    }
    if (isSerial(serial)) seen.add(serial);
  }
  return problems;
}
