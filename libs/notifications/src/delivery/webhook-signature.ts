import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-oxyledger-signature';
export const TIMESTAMP_HEADER = 'x-oxyledger-timestamp';
export const DELIVERY_HEADER = 'x-oxyledger-delivery';

/**
 * The webhook signature: `sha256=` + hex HMAC-SHA256, keyed by the subscription's secret, over
 * `<timestamp>.<raw body>` where the timestamp is the `X-OxyLedger-Timestamp` header (Unix
 * seconds). Signing the timestamp lets a receiver refuse replays of an old delivery.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** What a receiver does: recompute, compare in constant time, and check the age. */
export function verifyWebhook(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  body: string,
  now: Date = new Date(),
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
