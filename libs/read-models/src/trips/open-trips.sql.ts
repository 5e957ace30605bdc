/**
 * A trip still holds its truck and driver, and may still bring oxygen, until it is completed,
 * cancelled or aborted (`isTripClosed` in the domain). `column` is the trips row's status,
 * possibly behind a join's alias or a `coalesce`.
 */
export function isOpenTripSql(column = 'status'): string {
  return `${column} NOT IN ('COMPLETED', 'CANCELLED', 'ABORTED')`;
}
