import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@oxyledger/config';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { DataSource } from 'typeorm';
import { PROJECTIONS } from './projections';
import { ProjectionWorker } from './projection-worker';

/**
 * Runs the projections in this process: started explicitly (by the projector app, or by the api
 * when it runs everything on one machine), stopped on shutdown. Each projection runs in one
 * process at a time; started in several, the others stand by.
 */
@Injectable()
export class ProjectorService implements OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly workers: ProjectionWorker[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  start(): void {
    for (const create of PROJECTIONS) {
      const worker = new ProjectionWorker(this.store, this.dataSource, create(), {
        databaseUrl: this.config.databaseUrl,
        log: (message) => this.logger.log(message),
        // Debug level: which requests' events each batch applied (LOG_LEVEL=debug to follow one).
        onApplied: (events) =>
          this.logger.debug({
            msg: `'${worker.projection.name}' applied ${events.length} events`,
            projection: worker.projection.name,
            correlationIds: [
              ...new Set(events.flatMap((event) => event.metadata.correlationId ?? [])),
            ],
            position: events[events.length - 1].position,
          }),
      });
      worker.start();
      this.workers.push(worker);
    }
  }

  /** This process's workers, e.g. to wait until they run. */
  get running(): readonly ProjectionWorker[] {
    return this.workers;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.stop()));
  }
}
