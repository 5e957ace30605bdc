import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type IdempotencyClaim =
  | { outcome: 'claimed' }
  | { outcome: 'replay'; status: number; body: unknown }
  | { outcome: 'different-request' }
  | { outcome: 'in-progress' };

/** A request left in progress this long is taken to have died with its process. */
const ABANDONED_AFTER_SECONDS = 120;

/**
 * Remembers the answer to each (user, Idempotency-Key), so a retried request gets the original
 * answer instead of running again.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  async claim(userId: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO app.idempotency_keys (user_id, key, request_hash)
       VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE
         SET created_at = now()
         WHERE idempotency_keys.completed_at IS NULL
           AND idempotency_keys.request_hash = EXCLUDED.request_hash
           AND idempotency_keys.created_at < now() - make_interval(secs => $4)
       RETURNING 1`,
      [userId, key, requestHash, ABANDONED_AFTER_SECONDS],
    );
    if (inserted.length) return { outcome: 'claimed' };

    const [existing] = (await this.dataSource.query(
      `SELECT request_hash, completed_at, response_status, response_body
       FROM app.idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    )) as {
      request_hash: string;
      completed_at: Date | null;
      response_status: number | null;
      response_body: unknown;
    }[];
    if (!existing) return this.claim(userId, key, requestHash); // released meanwhile
    if (existing.request_hash !== requestHash) return { outcome: 'different-request' };
    if (!existing.completed_at) return { outcome: 'in-progress' };
    return { outcome: 'replay', status: existing.response_status!, body: existing.response_body };
  }

  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE app.idempotency_keys
       SET completed_at = now(), response_status = $3, response_body = $4
       WHERE user_id = $1 AND key = $2`,
      [userId, key, status, JSON.stringify(body ?? null)],
    );
  }

  /** The request failed unexpectedly: forget it so a retry runs it again. */
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM app.idempotency_keys WHERE user_id = $1 AND key = $2 AND completed_at IS NULL',
      [userId, key],
    );
  }
}
