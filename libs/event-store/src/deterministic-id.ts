import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id (version 8) derived from its parts: an event or stream written again for the
 * same cause gets the same id, so the store's idempotency turns the repeat into a no-op.
 */
export function deterministicId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
