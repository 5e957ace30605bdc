import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { Queue } from 'bullmq';

export const REFILL_PLANNING_QUEUE = 'refill-planning';
/** One planning run waits at a time; triggers meanwhile fold into it. */
export const REFILL_PLANNING_DEDUPLICATION_ID = 'refill-planning';

export interface PlanningRequest {
  reason: string;
  facilityIds: string[];
}

/**
 * Wakes the refill planner through its BullMQ queue. Triggers are deduplicated: while a planning
 * job waits, more triggers add nothing; while one runs, the latest trigger waits behind it
 * (`keepLastIfActive`), so a change during a run is planned for too.
 */
@Injectable()
export class PlannerTrigger implements OnApplicationShutdown {
  readonly queue: Queue<PlanningRequest>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.queue = new Queue<PlanningRequest>(REFILL_PLANNING_QUEUE, {
      connection: { url: config.redisUrl, maxRetriesPerRequest: null },
      prefix: process.env.QUEUE_PREFIX ?? 'oxyledger',
    });
  }

  async wake(request: PlanningRequest): Promise<void> {
    await this.queue.add('plan', request, {
      deduplication: { id: REFILL_PLANNING_DEDUPLICATION_ID, keepLastIfActive: true },
      removeOnComplete: 100,
      removeOnFail: 100,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
