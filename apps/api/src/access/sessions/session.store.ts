import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type RotateOutcome =
  | { outcome: 'rotated'; familyId: string; tokenId: string }
  | { outcome: 'reused'; familyId: string }
  | { outcome: 'revoked' | 'unknown' };

/**
 * Login sessions as families of refresh tokens (`app.refresh_tokens`): each exchange marks the
 * token used and issues the next; a used token presented again revokes the family.
 */
@Injectable()
export class SessionStore {
  constructor(private readonly dataSource: DataSource) {}

  /** A new family with its first refresh token. */
  async start(userId: string, expiresAt: Date): Promise<{ familyId: string; tokenId: string }> {
    const familyId = randomUUID();
    const tokenId = randomUUID();
    await this.dataSource.query(
      `INSERT INTO app.refresh_tokens (token_id, family_id, user_id, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [tokenId, familyId, userId, expiresAt],
    );
    return { familyId, tokenId };
  }

  /** Exchanges a refresh token for the next one of its family, exactly once. */
  async rotate(tokenId: string, userId: string, expiresAt: Date): Promise<RotateOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT family_id, used_at, revoked_at FROM app.refresh_tokens
          WHERE token_id = $1 AND user_id = $2 FOR UPDATE`,
        [tokenId, userId],
      )) as { family_id: string; used_at: Date | null; revoked_at: Date | null }[];
      if (!row) return { outcome: 'unknown' };
      if (row.revoked_at !== null) return { outcome: 'revoked' };
      if (row.used_at !== null) {
        await manager.query(
          `UPDATE app.refresh_tokens SET revoked_at = now()
            WHERE family_id = $1 AND revoked_at IS NULL`,
          [row.family_id],
        );
        return { outcome: 'reused', familyId: row.family_id };
      }
      const next = randomUUID();
      await manager.query('UPDATE app.refresh_tokens SET used_at = now() WHERE token_id = $1', [
        tokenId,
      ]);
      await manager.query(
        `INSERT INTO app.refresh_tokens (token_id, family_id, user_id, expires_at)
         VALUES ($1, $2, $3, $4)`,
        [next, row.family_id, userId, expiresAt],
      );
      return { outcome: 'rotated', familyId: row.family_id, tokenId: next };
    });
  }

  /** Logout, or reuse detected: no token of the family works any more. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE app.refresh_tokens SET revoked_at = now()
        WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  /** The family a refresh token belongs to, if it was issued to this user. */
  async familyOf(tokenId: string, userId: string): Promise<string | undefined> {
    const [row] = (await this.dataSource.query(
      'SELECT family_id FROM app.refresh_tokens WHERE token_id = $1 AND user_id = $2',
      [tokenId, userId],
    )) as { family_id: string }[];
    return row?.family_id;
  }
}
