import { Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { Redis } from 'ioredis';

/** One fixed window per key: count, start the window on the first hit, report what is left. */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`;

/**
 * Login attempts counted in Redis, so every api process shares one count per username and
 * address (an attacker spreading guesses over processes gains nothing). While Redis does not
 * answer, each process counts on its own rather than letting every attempt through.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis;
  private readonly prefix = `${process.env.QUEUE_PREFIX?.trim() || 'oxyledger'}:login-throttle:`;
  private readonly local = new Map<string, { hits: number; expiresAt: number }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined); // reported per attempt below
  }

  /** Failed logins from this address in the current minute, and seconds until it ends. */
  async failedLogins(address: string): Promise<{ count: number; resetsInSeconds: number }> {
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      const key = `${this.prefix}failed:${address}`;
      const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
      return { count: Number(count ?? 0), resetsInSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    } catch {
      const entry = this.local.get(`failed:${address}`);
      const live = entry && entry.expiresAt > Date.now();
      return {
        count: live ? entry.hits : 0,
        resetsInSeconds: live ? Math.ceil((entry.expiresAt - Date.now()) / 1000) : 1,
      };
    }
  }

  async recordFailedLogin(address: string): Promise<void> {
    await this.increment(`failed:${address}`, 60_000, Number.MAX_SAFE_INTEGER);
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    let hits: number;
    let remainingMs: number;
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      [hits, remainingMs] = (await this.redis.eval(INCREMENT, 1, this.prefix + key, ttl)) as [
        number,
        number,
      ];
    } catch (error) {
      this.logger.warn(`Redis unavailable, counting login attempts in this process: ${error}`);
      [hits, remainingMs] = this.incrementLocally(key, ttl);
    }
    const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
    return {
      totalHits: hits,
      timeToExpire: seconds,
      isBlocked: hits > limit,
      timeToBlockExpire: hits > limit ? seconds : 0,
    };
  }

  private incrementLocally(key: string, ttl: number): [number, number] {
    const now = Date.now();
    const entry = this.local.get(key);
    if (!entry || entry.expiresAt <= now) {
      this.local.set(key, { hits: 1, expiresAt: now + ttl });
      return [1, ttl];
    }
    entry.hits += 1;
    return [entry.hits, entry.expiresAt - now];
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

/** Gives the throttler its storage as a provider, so its Redis connection closes with the app. */
@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
export class LoginThrottleStorageModule {}
