import { type AppConfig, ConfigError } from '@oxyledger/config';
import type { DefaultJobOptions, QueueOptions, RedisOptions } from 'bullmq';
import type { PlanningJob } from './planning-run.port';

export const REFILL_PLANNING_QUEUE = 'refill-planning';
/** The name of every job on the queue: triggered, scheduled and on-demand runs alike. */
export const PLANNING_JOB_NAME = 'plan';
export const NATIONAL_REGION = 'national';
export const DEFAULT_RETRY_DELAY_MS = 5_000;
export const PLANNING_ATTEMPTS = 3;

/** What a planning job carries; the worker plans for 'national' when `region` is absent. */
export type PlanningRequest = Omit<PlanningJob, 'region'> & { region?: string };

/** Namespaces the queue's Redis keys; tests set their own so their jobs are theirs alone. */
export function planningQueuePrefix(env: NodeJS.ProcessEnv = process.env): string {
  return env.QUEUE_PREFIX ?? 'oxyledger';
}

/** BullMQ's connections must retry commands forever (`maxRetriesPerRequest: null`). */
export function planningRedisConnection(redisUrl: string): RedisOptions {
  return { url: redisUrl, maxRetriesPerRequest: null };
}

/**
 * Every planning job: three attempts with exponential backoff (PLANNING_RETRY_DELAY_MS, then
 * twice it). Failed jobs are the dead-letter record, kept up to the last 1,000: Redis runs with
 * `noeviction`, so an unbounded failed set would end in refused writes.
 */
export function planningJobOptions(env: NodeJS.ProcessEnv = process.env): DefaultJobOptions {
  return {
    attempts: PLANNING_ATTEMPTS,
    backoff: { type: 'exponential', delay: retryDelayMs(env) },
    removeOnComplete: 100,
    removeOnFail: { count: 1000 },
  };
}

export function planningQueueOptions(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
): QueueOptions {
  return {
    connection: planningRedisConnection(config.redisUrl),
    prefix: planningQueuePrefix(env),
    defaultJobOptions: planningJobOptions(env),
  };
}

function retryDelayMs(env: NodeJS.ProcessEnv): number {
  const raw = env.PLANNING_RETRY_DELAY_MS?.trim();
  if (!raw) return DEFAULT_RETRY_DELAY_MS;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new ConfigError([
      `PLANNING_RETRY_DELAY_MS=${JSON.stringify(raw)}: must be a whole number of milliseconds, at least 1`,
    ]);
  }
  return Number(raw);
}
