import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { fromStoredEvent, needsRefill } from '@oxyledger/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@oxyledger/event-store';
import { type Projection, ProjectionWorker } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { PlannerTrigger } from './planner-trigger';

export const PLANNER_WAKE = 'planner-wake';

/**
 * Wakes the planner from the committed `SupplyLevelChanged` events: a hospital entering low,
 * critical or out queues a planning run. The wake goes to Redis before the batch's checkpoint
 * moves and never inside a database transaction, so a Redis outage holds back only this
 * follower: it retries with back-off, and when Redis is back the pending wakes arrive, folded
 * into one run by the trigger's deduplication.
 */
export class PlannerWakeProjection implements Projection {
  readonly name = PLANNER_WAKE;
  readonly filter = { streamPrefixes: ['hospital-supply-'] };
  readonly tables = [] as const;

  constructor(private readonly planner: PlannerTrigger) {}

  async beforeTransaction(events: RecordedEvent[]): Promise<void> {
    const facilityIds = new Set<string>();
    const correlationIds = new Set<string>();
    for (const recorded of events) {
      const event = fromStoredEvent(recorded);
      if (event.type === 'SupplyLevelChanged' && needsRefill(event.data.to)) {
        facilityIds.add(event.data.facilityId);
        if (recorded.metadata.correlationId) correlationIds.add(recorded.metadata.correlationId);
      }
    }
    if (facilityIds.size === 0) return;
    await this.planner.wake({
      reason: 'supply level changed',
      facilityIds: [...facilityIds],
      ...(correlationIds.size > 0 && { correlationIds: [...correlationIds] }),
    });
  }

  async apply(): Promise<void> {}
}

/** Runs the planner's wake in this process (standing by while another process owns it). */
@Injectable()
export class PlannerWake implements OnApplicationShutdown {
  private worker?: ProjectionWorker;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly planner: PlannerTrigger,
  ) {}

  start(): void {
    const logger = new Logger('PlannerWake');
    this.worker ??= new ProjectionWorker(
      this.store,
      this.dataSource,
      new PlannerWakeProjection(this.planner),
      { databaseUrl: this.config.databaseUrl, log: (message) => logger.log(message) },
    );
    this.worker.start();
  }

  get running(): ProjectionWorker | undefined {
    return this.worker;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.stop();
  }
}
