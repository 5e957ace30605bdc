import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { projectionStatuses } from '@oxyledger/read-models';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { platformProjections } from '../observability/platform-projections';

/** A dependency slower than this counts as down: a health check must answer promptly. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * The readiness checks (terminus indicators): PostgreSQL, Redis, the event store, and every
 * projection's lag under READY_MAX_PROJECTION_LAG_SECONDS. A failure's cause is logged here and
 * never returned to the unauthenticated caller.
 */
@Injectable()
export class HealthService implements OnApplicationShutdown {
  private readonly logger = new Logger(HealthService.name);
  /** Its own pool of one, so a busy or exhausted pool cannot hide a healthy server. */
  private readonly postgres: Pool;
  private readonly redis: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.postgres = new Pool({
      connectionString: config.databaseUrl,
      max: 1,
      // probes come every few seconds: between them the connection is given back (budget)
      idleTimeoutMillis: 1_000,
      connectionTimeoutMillis: CHECK_TIMEOUT_MS,
      application_name: 'oxyledger-health',
    });
    this.postgres.on('error', () => undefined); // an idle client died; the pool replaces it
    this.redis = new Redis(config.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      connectTimeout: CHECK_TIMEOUT_MS,
    });
    this.redis.on('error', () => undefined); // reported by the check
  }

  postgresCheck() {
    return this.run('postgres', () => this.postgres.query('SELECT 1'));
  }

  redisCheck() {
    return this.run('redis', () => this.redis.ping());
  }

  eventStoreCheck() {
    return this.run('eventStore', () => this.eventStore.ping(), {
      adapter: this.config.eventStore.kind,
    });
  }

  async projectionsCheck() {
    const limit = this.config.readiness.maxProjectionLagSeconds;
    const indicator = this.indicators.check('projections');
    try {
      const statuses = await projectionStatuses(
        this.eventStore,
        this.dataSource,
        platformProjections(),
      );
      const lagSeconds = Object.fromEntries(statuses.map((s) => [s.name, s.lag.seconds]));
      const behind = statuses.filter((status) => status.lag.seconds > limit).map((s) => s.name);
      return behind.length === 0
        ? indicator.up({ maxLagSeconds: limit, lagSeconds })
        : indicator.down({ maxLagSeconds: limit, lagSeconds, behind });
    } catch (error) {
      this.logger.warn(`Readiness check projections failed: ${(error as Error).message}`);
      return indicator.down();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.postgres.end();
  }

  private async run(name: string, probe: () => Promise<unknown>, extra: object = {}) {
    const indicator = this.indicators.check(name);
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([probe(), timeout]);
      return indicator.up({ ...extra, latencyMs: elapsedSince(started) });
    } catch (error) {
      this.logger.warn(`Readiness check ${name} failed: ${(error as Error).message ?? error}`);
      return indicator.down({ ...extra, latencyMs: elapsedSince(started) });
    } finally {
      clearTimeout(timer);
    }
  }
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
