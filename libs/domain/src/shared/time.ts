/**
 * Time in the domain is data: commands carry `at` (an ISO 8601 instant, when it happened on the
 * device) and dates (`YYYY-MM-DD`, calendar days such as a test date). Nothing here reads a clock.
 */

/** e.g. `2025-03-01T08:30:00Z`, `2025-03-01T11:30:00.000+03:00`. */
export type IsoInstant = string;
/** A calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoInstant(value: unknown): value is IsoInstant {
  return (
    typeof value === 'string' &&
    INSTANT.test(value) &&
    isIsoDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The UTC calendar day of an instant. */
export function utcDateOf(instant: IsoInstant): IsoDate {
  return new Date(Date.parse(instant)).toISOString().slice(0, 10);
}

/** `date` plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = year + years;
  const clampedDay = Math.min(day, daysInMonth(target, month));
  return `${String(target).padStart(4, '0')}-${pad(month)}-${pad(clampedDay)}`;
}

/** ISO dates compare as strings; this names the intent. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
