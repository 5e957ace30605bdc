/** Injection token of the planning computation the queue's worker runs. */
export const PLANNING_RUN = Symbol('PLANNING_RUN');

export interface PlanningJob {
  reason: string;
  facilityIds: string[];
  /** The planning region; 'national' unless a job names one. */
  region: string;
  /** User id of whoever asked for the run on demand. */
  requestedBy?: string;
  /** Correlation ids of the events that woke the planner (the requests behind them). */
  correlationIds?: string[];
}

export interface PlanningRunContext {
  jobId: string;
  attempt: number;
  /**
   * When the job was queued (ms): with the job id it names the job for good (a Redis that comes
   * back empty numbers its jobs from 1 again), so a run repeated for the same job records its
   * plan once.
   */
  queuedAt?: number;
}

/**
 * One refill planning run. The queue's worker calls it with at most one run per region at a
 * time across processes; a thrown error makes the job retry with backoff.
 */
export interface PlanningRun {
  run(job: PlanningJob, context: PlanningRunContext): Promise<{ planId: string | null }>;
}
