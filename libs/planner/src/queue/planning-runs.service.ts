import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PlannerTrigger } from './planner-trigger';
import { NATIONAL_REGION, PLANNING_JOB_NAME, type PlanningRequest } from './planning-queue';

export const LISTED_STATES = ['active', 'waiting', 'delayed', 'completed'] as const;
export type ListedState = (typeof LISTED_STATES)[number];

export interface PlanningRunView {
  jobId: string;
  state: ListedState;
  reason: string;
  region: string;
  requestedBy: string | null;
  facilityIds: string[];
  /** Attempts that ended (in failure, or in success for a completed run). */
  attemptsMade: number;
  maxAttempts: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  planId: string | null;
}

/** A job that failed its last attempt: the dead-letter record. */
export interface FailedPlanningRunView {
  jobId: string;
  data: PlanningRequest;
  failedReason: string;
  attemptsMade: number;
  finishedAt: string | null;
  /** The top frame of the last attempt's stack: where the error was thrown. */
  thrownAt: string | null;
}

type PlanningJobRecord = Job<PlanningRequest, { planId: string | null } | undefined>;

/** Asks for planning runs and reads the queue's record of them. */
@Injectable()
export class PlanningRunsService {
  constructor(private readonly trigger: PlannerTrigger) {}

  /** Queues an on-demand run (with the queue's default attempts and backoff). */
  async requestRun(request: { region?: string; requestedBy: string }): Promise<{ jobId: string }> {
    await this.trigger.assertAvailable();
    const job = await this.trigger.queue.add(PLANNING_JOB_NAME, {
      reason: 'on-demand',
      facilityIds: [],
      region: request.region ?? NATIONAL_REGION,
      requestedBy: request.requestedBy,
    });
    return { jobId: job.id! };
  }

  /** Running first, then waiting, delayed and completed; newest first within each. */
  async recentRuns(limit: number): Promise<{ items: PlanningRunView[] }> {
    await this.trigger.assertAvailable();
    const byState = await Promise.all(
      LISTED_STATES.map(async (state) => {
        const jobs = (await this.trigger.queue.getJobs([state], 0, limit - 1, false)) as (
          PlanningJobRecord | undefined
        )[];
        return jobs.filter((job) => job !== undefined).map((job) => runView(job, state));
      }),
    );
    return { items: byState.flat().slice(0, limit) };
  }

  async failedRuns(limit: number): Promise<{ items: FailedPlanningRunView[]; total: number }> {
    await this.trigger.assertAvailable();
    const [jobs, total] = await Promise.all([
      this.trigger.queue.getFailed(0, limit - 1) as Promise<(PlanningJobRecord | undefined)[]>,
      this.trigger.queue.getFailedCount(),
    ]);
    return {
      items: jobs.filter((job) => job !== undefined).map(failedView),
      total,
    };
  }
}

function runView(job: PlanningJobRecord, state: ListedState): PlanningRunView {
  return {
    jobId: job.id!,
    state,
    reason: job.data.reason,
    region: job.data.region ?? NATIONAL_REGION,
    requestedBy: job.data.requestedBy ?? null,
    facilityIds: job.data.facilityIds,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    queuedAt: isoTime(job.timestamp)!,
    startedAt: isoTime(job.processedOn),
    finishedAt: isoTime(job.finishedOn),
    planId: job.returnvalue?.planId ?? null,
  };
}

function failedView(job: PlanningJobRecord): FailedPlanningRunView {
  const stack = job.stacktrace?.at(-1);
  return {
    jobId: job.id!,
    data: job.data,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    finishedAt: isoTime(job.finishedOn),
    thrownAt:
      stack
        ?.split('\n')
        .map((line) => line.trim())
        .find((line) => line.startsWith('at ')) ?? null,
  };
}

function isoTime(ms: number | undefined): string | null {
  return ms ? new Date(ms).toISOString() : null;
}
