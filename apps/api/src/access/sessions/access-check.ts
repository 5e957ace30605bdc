import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AuthenticationError } from '../access.errors';
import type { Actor } from '../actor';

/** How long a process trusts what it read about a user; changes also invalidate at once. */
export const ACCESS_CHECK_CACHE_MS = 5_000;

interface Standing {
  active: boolean;
  role: string;
  facilityId: string | null;
  supplierId: string | null;
  /** A producer's plant's supplier (the plant's row), for reads scoped to it. */
  plantSupplierId: string | null;
  sessionRevoked: boolean;
  readAt: number;
}

/**
 * Every authenticated request: is the user still active, with the role and scope their token
 * claims, and is the token's session not logged out or revoked? Read from PostgreSQL and cached
 * briefly per user and session; a change to a user or a session drops the cached entries in
 * this process at once and, through Redis pub/sub, in every other api process.
 */
@Injectable()
export class AccessCheck implements OnApplicationShutdown {
  private readonly logger = new Logger(AccessCheck.name);
  private readonly cache = new Map<string, Standing>();
  private readonly channel = `${process.env.QUEUE_PREFIX?.trim() || 'oxyledger'}:access-changed`;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const options = { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false };
    this.publisher = new Redis(config.redisUrl, options);
    this.subscriber = new Redis(config.redisUrl, { lazyConnect: true });
    for (const redis of [this.publisher, this.subscriber]) redis.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => this.forget(message));
    this.subscriber
      .connect()
      .then(() => this.subscriber.subscribe(this.channel))
      .catch((error: unknown) => this.logger.warn(`No access-change subscription: ${error}`));
  }

  /**
   * 401 unless the actor still stands as their token says; else what the request's scope needs
   * beyond the token: a producer's plant's supplier.
   */
  async assertStanding(actor: Actor, sessionId: string): Promise<Pick<Actor, 'plantSupplierId'>> {
    const key = `${actor.userId}/${sessionId}`;
    let standing = this.cache.get(key);
    if (!standing || Date.now() - standing.readAt > ACCESS_CHECK_CACHE_MS) {
      standing = await this.read(actor.userId, sessionId);
      this.cache.set(key, standing);
    }
    if (
      !standing.active ||
      standing.role !== actor.role ||
      standing.facilityId !== (actor.facilityId ?? null) ||
      standing.supplierId !== (actor.supplierId ?? null)
    ) {
      throw new AuthenticationError(
        'auth.access-changed',
        standing.active
          ? 'Your role or scope changed since this token was issued; refresh it at POST /auth/refresh'
          : 'This account is disabled; ask an administrator to re-enable it',
      );
    }
    if (standing.sessionRevoked) {
      throw new AuthenticationError(
        'auth.session-revoked',
        'This session was logged out or revoked; log in again at POST /auth/login',
      );
    }
    return actor.role === 'producer' && standing.plantSupplierId
      ? { plantSupplierId: standing.plantSupplierId }
      : {};
  }

  /**
   * After a user's row or a session changed (or a facility, whose supplier a producer's scope
   * holds: `everyone`): every process re-reads it on its next request.
   */
  async changed(
    what: { userId: string } | { sessionId: string } | { everyone: true },
  ): Promise<void> {
    const message =
      'userId' in what
        ? `user:${what.userId}`
        : 'sessionId' in what
          ? `session:${what.sessionId}`
          : 'all:';
    this.forget(message);
    try {
      if (this.publisher.status === 'wait') await this.publisher.connect();
      await this.publisher.publish(this.channel, message);
    } catch (error) {
      // Other processes then notice within ACCESS_CHECK_CACHE_MS.
      this.logger.warn(`Could not announce an access change: ${error}`);
    }
  }

  private forget(message: string): void {
    const [kind, id] = message.split(':', 2);
    if (kind === 'all') return this.cache.clear();
    for (const key of this.cache.keys()) {
      const [userId, sessionId] = key.split('/');
      if ((kind === 'user' && userId === id) || (kind === 'session' && sessionId === id)) {
        this.cache.delete(key);
      }
    }
  }

  private async read(userId: string, sessionId: string): Promise<Standing> {
    const [row] = (await this.dataSource.query(
      `SELECT u.active, u.role, u.facility_id, u.supplier_id, f.supplier_id AS plant_supplier_id,
              EXISTS (SELECT 1 FROM app.refresh_tokens t
                       WHERE t.family_id = $2 AND t.revoked_at IS NOT NULL) AS revoked,
              EXISTS (SELECT 1 FROM app.refresh_tokens t WHERE t.family_id = $2) AS known
         FROM app.users u LEFT JOIN app.facilities f ON f.id = u.facility_id
        WHERE u.id = $1`,
      [userId, sessionId],
    )) as {
      active: boolean;
      role: string;
      facility_id: string | null;
      supplier_id: string | null;
      plant_supplier_id: string | null;
      revoked: boolean;
      known: boolean;
    }[];
    return {
      active: row?.active ?? false,
      role: row?.role ?? '',
      facilityId: row?.facility_id ?? null,
      supplierId: row?.supplier_id ?? null,
      plantSupplierId: row?.plant_supplier_id ?? null,
      sessionRevoked: !row || row.revoked || !row.known,
      readAt: Date.now(),
    };
  }

  onApplicationShutdown(): void {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
