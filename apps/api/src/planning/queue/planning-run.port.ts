/** Injection token of the planning computation the queue's worker runs. */
export const PLANNING_RUN = Symbol('PLANNING_RUN');

export interface PlanningJob {
  reason: string;
  facilityIds: string[];
  /** The planning region; 'national' unless a job names one. */
  region: string;
  /** User id of whoever asked for the run on demand. */
  requestedBy?: string;
}

/**
 * One refill planning run. The queue's worker calls it with at most one run per region at a
 * time across processes; a thrown error makes the job retry with backoff.
 */
export interface PlanningRun {
  run(
    job: PlanningJob,
    context: { jobId: string; attempt: number },
  ): Promise<{ planId: string | null }>;
}
