import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { Pool } from 'pg';
import type { DependencyCheck, HealthReport } from './health-report';

/** A dependency slower than this counts as down: a health check must answer promptly. */
const CHECK_TIMEOUT_MS = 2_000;

/** Checks the api's dependencies: PostgreSQL (read models live there) and the event store. */
@Injectable()
export class HealthService implements OnApplicationShutdown {
  private readonly logger = new Logger(HealthService.name);
  /** Its own small pool, so a busy or exhausted event-store pool cannot hide a healthy server. */
  private readonly postgres: Pool;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {
    this.postgres = new Pool({
      connectionString: config.databaseUrl,
      max: 1,
      connectionTimeoutMillis: CHECK_TIMEOUT_MS,
      application_name: 'oxyledger-health',
    });
    this.postgres.on('error', () => undefined); // an idle client died; the pool replaces it
  }

  async check(): Promise<HealthReport> {
    const [postgres, eventStore] = await Promise.all([
      this.run('postgres', () => this.postgres.query('SELECT 1')),
      this.run('eventStore', () => this.eventStore.ping()),
    ]);
    return {
      status: postgres.status === 'ok' && eventStore.status === 'ok' ? 'ok' : 'error',
      checks: { postgres, eventStore: { ...eventStore, adapter: this.config.eventStore.kind } },
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.postgres.end();
  }

  /** Runs one check; its failure is logged here, not returned to unauthenticated callers. */
  private async run(name: string, probe: () => Promise<unknown>): Promise<DependencyCheck> {
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
      return { status: 'ok', latencyMs: elapsedSince(started) };
    } catch (error) {
      this.logger.warn(`Health check ${name} failed: ${(error as Error).message ?? error}`);
      return { status: 'error', latencyMs: elapsedSince(started) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
