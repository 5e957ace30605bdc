import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { IdempotencyStore } from './idempotency.store';

const HOUR_MS = 60 * 60 * 1000;

/** `IDEMPOTENCY_RETENTION_DAYS` (default 7): a positive number of days. */
export function idempotencyRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.IDEMPOTENCY_RETENTION_DAYS;
  if (raw === undefined || raw === '') return 7;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) {
    throw new Error(`IDEMPOTENCY_RETENTION_DAYS must be a positive number of days, got "${raw}"`);
  }
  return days;
}

/** Forgets stored answers after the retention: at start, then every hour. */
@Injectable()
export class IdempotencyRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyRetention.name);
  private readonly days = idempotencyRetentionDays();
  private timer?: NodeJS.Timeout;

  constructor(private readonly store: IdempotencyStore) {}

  onModuleInit(): void {
    void this.expire();
    this.timer = setInterval(() => void this.expire(), HOUR_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async expire(): Promise<number> {
    try {
      const removed = await this.store.expireOlderThan(this.days);
      if (removed)
        this.logger.log(`forgot ${removed} idempotency answers older than ${this.days} days`);
      return removed;
    } catch (error) {
      this.logger.warn(`idempotency cleanup failed, retrying next hour: ${String(error)}`);
      return 0;
    }
  }
}
