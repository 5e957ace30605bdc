import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigError } from '@oxyledger/config';
import { Redis } from 'ioredis';
import { PlannerTrigger } from './planner-trigger';
import {
  NATIONAL_REGION,
  PLANNING_JOB_NAME,
  planningJobOptions,
  planningQueuePrefix,
  REFILL_PLANNING_QUEUE,
} from './planning-queue';
import { checkRedisEvictionPolicy, redisConfigGet } from './redis-eviction.check';

export const PLANNING_SCHEDULER_ID = 'refill-planning-schedule';
export const DEFAULT_PLANNING_EVERY_MINUTES = 15;
const SCHEDULER_LOCK_TTL_MS = 10_000;

/**
 * The cron pattern of the scheduled run: PLANNING_SCHEDULE_PATTERN as given (5 fields, or 6 with
 * seconds first), else every PLANNING_EVERY_MINUTES (1..1440, default 15). Cron steps restart
 * each hour (or day), so a step that does not divide it leaves one shorter gap: every 7 minutes
 * runs at :56 and again at :00.
 */
export function planningSchedulePattern(env: NodeJS.ProcessEnv = process.env): string {
  const pattern = env.PLANNING_SCHEDULE_PATTERN?.trim();
  if (pattern) {
    const fields = pattern.split(/\s+/).length;
    if (fields !== 5 && fields !== 6) {
      throw new ConfigError([
        `PLANNING_SCHEDULE_PATTERN=${JSON.stringify(pattern)}: must be a cron pattern of 5 fields (or 6, seconds first), e.g. */15 * * * *`,
      ]);
    }
    return pattern;
  }
  const raw = env.PLANNING_EVERY_MINUTES?.trim() || String(DEFAULT_PLANNING_EVERY_MINUTES);
  const minutes = Number(raw);
  if (!/^\d+$/.test(raw) || minutes < 1 || minutes > 1440) {
    throw new ConfigError([
      `PLANNING_EVERY_MINUTES=${JSON.stringify(raw)}: must be a whole number of minutes from 1 to 1440`,
    ]);
  }
  if (minutes < 60) return `*/${minutes} * * * *`;
  if (minutes % 60 !== 0) {
    throw new ConfigError([
      `PLANNING_EVERY_MINUTES=${JSON.stringify(raw)}: from 60 up, must be whole hours (60, 120, ..., 1440); ` +
        'for anything else set PLANNING_SCHEDULE_PATTERN',
    ]);
  }
  const hours = minutes / 60;
  if (hours === 1) return '0 * * * *';
  return hours === 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}

/**
 * Keeps the one job scheduler that plans on a timetable. Every replica calls `ensureSchedule()`
 * at start-up; a short Redis lock (10 s) lets one of those starting together upsert, and the
 * others skip: the scheduler exists already or is being upserted.
 */
@Injectable()
export class PlanningScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('PlanningScheduler');
  readonly pattern: string;
  readonly lockKey = `${planningQueuePrefix()}:${REFILL_PLANNING_QUEUE}:scheduler-lock`;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly trigger: PlannerTrigger,
  ) {
    this.pattern = planningSchedulePattern();
  }

  private keeping?: NodeJS.Timeout;

  /**
   * Checks every PLANNING_SCHEDULE_CHECK_MS (60 s) that the schedule is still in Redis and puts
   * it back if not: a Redis that restarts empty gets its planning schedule again without any
   * process restarting. A check while Redis is away fails quietly and the next one tries again.
   */
  keepSchedule(): void {
    if (this.keeping) return;
    const everyMs = Number(process.env.PLANNING_SCHEDULE_CHECK_MS ?? 60_000);
    let checking = false;
    this.keeping = setInterval(() => {
      if (checking) return; // Redis away: the last check still waits for it
      checking = true;
      void this.restoreIfMissing()
        .catch((error: unknown) =>
          this.logger.warn(`Planning schedule not checked: ${String(error)}`),
        )
        .finally(() => (checking = false));
    }, everyMs);
    this.keeping.unref();
  }

  private async restoreIfMissing(): Promise<void> {
    if (await this.trigger.queue.getJobScheduler(PLANNING_SCHEDULER_ID)) return;
    this.logger.warn('Planning schedule missing from Redis; putting it back');
    await this.ensureSchedule();
  }

  onApplicationShutdown(): void {
    clearInterval(this.keeping);
    this.keeping = undefined;
  }

  async ensureSchedule(): Promise<'upserted' | 'skipped'> {
    // A one-off connection that gives up when Redis is away, so start-up fails instead of hanging.
    const redis = new Redis(this.config.redisUrl);
    try {
      await checkRedisEvictionPolicy(redisConfigGet(redis));
      const token = randomUUID();
      const locked = await redis.set(this.lockKey, token, 'PX', SCHEDULER_LOCK_TTL_MS, 'NX');
      if (locked !== 'OK') {
        this.logger.log('Planning schedule: another replica is upserting it; skipped');
        return 'skipped';
      }
      try {
        await this.trigger.queue.upsertJobScheduler(
          PLANNING_SCHEDULER_ID,
          { pattern: this.pattern },
          {
            name: PLANNING_JOB_NAME,
            data: { reason: 'schedule', facilityIds: [], region: NATIONAL_REGION },
            opts: planningJobOptions(),
          },
        );
      } catch (error) {
        // Let another replica try at once; after a success the lock simply expires.
        await redis.eval(RELEASE_IF_OURS, 1, this.lockKey, token);
        throw error;
      }
      this.logger.log(`Planning schedule: ${this.pattern}`);
      return 'upserted';
    } finally {
      await redis.quit();
    }
  }
}

const RELEASE_IF_OURS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
