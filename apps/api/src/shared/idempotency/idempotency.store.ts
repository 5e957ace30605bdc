import { Injectable } from '@nestjs/common';
import type { LedgerSql } from '@oxyledger/event-store';
import { DataSource } from 'typeorm';

export type IdempotencyClaim =
  | { outcome: 'claimed' }
  | { outcome: 'replay'; status: number; body: unknown; fresh?: boolean }
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

  /**
   * Inside the ledger transaction: holds the key for this request only (a transaction-scoped
   * advisory lock, released by commit, rollback or a dropped connection, so a crash never leaves
   * it blocked), then finds an answer committed before.
   */
  async claimInTransaction(
    sql: LedgerSql,
    userId: string,
    key: string,
    requestHash: string,
  ): Promise<IdempotencyClaim> {
    const [lock] = await sql<{ held: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended(length($1) || ':' || $1 || $2, 7182)) AS held`,
      [userId, key],
    );
    if (!lock.held) return { outcome: 'in-progress' };
    const [existing] = await sql<{
      request_hash: string;
      completed_at: Date | null;
      response_status: number | null;
      response_body: unknown;
    }>(
      `SELECT request_hash, completed_at, response_status, response_body
       FROM app.idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    if (!existing) return { outcome: 'claimed' };
    if (existing.request_hash !== requestHash) return { outcome: 'different-request' };
    // A row left in progress by the earlier, non-atomic path: its request is gone.
    if (!existing.completed_at) {
      await sql('DELETE FROM app.idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key]);
      return { outcome: 'claimed' };
    }
    return { outcome: 'replay', status: existing.response_status!, body: existing.response_body };
  }

  /** Inside the ledger transaction: the answer commits with the events, or neither does. */
  async recordInTransaction(
    sql: LedgerSql,
    userId: string,
    key: string,
    requestHash: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    await sql(
      `INSERT INTO app.idempotency_keys
         (user_id, key, request_hash, completed_at, response_status, response_body)
       VALUES ($1, $2, $3, now(), $4, $5)`,
      [userId, key, requestHash, status, JSON.stringify(body ?? null)],
    );
  }

  /** Forgets answers older than the retention; returns how many. */
  async expireOlderThan(days: number): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM app.idempotency_keys WHERE created_at < now() - make_interval(days => $1)`,
      [days],
    )) as [unknown, number];
    return count ?? 0;
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
