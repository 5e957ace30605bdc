import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { Queue } from 'bullmq';
import {
  NATIONAL_REGION,
  PLANNING_JOB_NAME,
  planningQueueOptions,
  type PlanningRequest,
  REFILL_PLANNING_QUEUE,
} from './queue/planning-queue';

export { type PlanningRequest, REFILL_PLANNING_QUEUE } from './queue/planning-queue';
/** One planning run waits at a time; triggers meanwhile fold into it. */
export const REFILL_PLANNING_DEDUPLICATION_ID = 'refill-planning';

/**
 * Wakes the refill planner through its BullMQ queue. Triggers are deduplicated: while a planning
 * job waits, more triggers add nothing; while one runs, the latest trigger waits behind it
 * (`keepLastIfActive`), so a change during a run is planned for too.
 */
@Injectable()
export class PlannerTrigger implements OnApplicationShutdown {
  readonly queue: Queue<PlanningRequest>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.queue = new Queue<PlanningRequest>(REFILL_PLANNING_QUEUE, planningQueueOptions(config));
  }

  async wake(request: PlanningRequest): Promise<void> {
    await this.queue.add(
      PLANNING_JOB_NAME,
      { ...request, region: request.region ?? NATIONAL_REGION },
      { deduplication: { id: REFILL_PLANNING_DEDUPLICATION_ID, keepLastIfActive: true } },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
