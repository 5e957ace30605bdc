import {
  Inject,
  Injectable,
  type OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  NATIONAL_REGION,
  PLANNING_JOB_NAME,
  planningQueueOptions,
  type PlanningRequest,
  REFILL_PLANNING_QUEUE,
} from './planning-queue';

export { type PlanningRequest, REFILL_PLANNING_QUEUE } from './planning-queue';
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

  /** Fails a command soon while Redis is away, where the queue's own would wait for it. */
  private readonly probe: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.queue = new Queue<PlanningRequest>(REFILL_PLANNING_QUEUE, planningQueueOptions(config));
    // a command waits for the connection at most one attempt, then fails
    this.probe = new Redis(config.redisUrl, { maxRetriesPerRequest: 0 });
    this.probe.on('error', () => undefined); // reconnects by itself; assertAvailable reports
  }

  /**
   * Refuses at once (503) while Redis is away, instead of letting a request wait for it: the
   * queue's commands wait for Redis as long as it takes, which a worker wants and a person not.
   */
  async assertAvailable(): Promise<void> {
    const answered = await Promise.race([
      this.probe.ping().then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 1_000).unref()),
    ]);
    if (!answered) {
      throw new ServiceUnavailableException(
        'The planning queue (Redis) is unavailable; planning requests are refused until it is back',
      );
    }
  }

  async wake(request: PlanningRequest): Promise<void> {
    await this.queue.add(
      PLANNING_JOB_NAME,
      { ...request, region: request.region ?? NATIONAL_REGION },
      { deduplication: { id: REFILL_PLANNING_DEDUPLICATION_ID, keepLastIfActive: true } },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.probe.disconnect();
    await this.queue.close();
  }
}
