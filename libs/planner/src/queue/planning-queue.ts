import { type AppConfig, ConfigError } from '@oxyledger/config';
import type { DefaultJobOptions, QueueOptions, RedisOptions, WorkerOptions } from 'bullmq';
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

/** BullMQ's default lock: a run whose lock is not renewed within it is taken as stalled. */
export const DEFAULT_LOCK_DURATION_MS = 30_000;
/** Beyond the solve: reading the supply picture, the distances, and recording the plan. */
const RUN_OVERHEAD_MS = 60_000;

/**
 * The job lock, the stalled-job check and the solver's time limit, set together so that a run,
 * however long its solve, is never taken for stalled and run a second time by another worker.
 * The lock is renewed every half lock while the event loop is free (the solver runs in worker
 * threads), and lasts twice a whole run, so that even a loop held for a full solve keeps it. A
 * worker that dies leaves its job to be taken over once its lock runs out (one takeover at
 * most); the price of a long lock is that this takes up to two lock durations.
 */
export function planningWorkerLocks(
  solverTimeLimitSeconds: number,
): Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'> {
  const lockDuration = Math.max(
    DEFAULT_LOCK_DURATION_MS,
    2 * (solverTimeLimitSeconds * 1000 + RUN_OVERHEAD_MS),
  );
  return { lockDuration, stalledInterval: lockDuration, maxStalledCount: 1 };
}
