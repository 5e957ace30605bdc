import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { DataSource } from 'typeorm';
import { CylinderStatesProjection } from './cylinder-states/cylinder-states.projection';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

/** Every read model the platform keeps; each runs from its own checkpoint. */
export const PROJECTIONS: (() => Projection)[] = [() => new CylinderStatesProjection()];

/**
 * Runs the projections in this process: started explicitly (by the projector app, or by the api
 * when it runs everything on one machine), stopped on shutdown.
 */
@Injectable()
export class ProjectorService implements OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly runners: ProjectionRunner[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async start(): Promise<void> {
    for (const create of PROJECTIONS) {
      const projection = create();
      const runner = new ProjectionRunner(this.store, this.dataSource, projection, {
        onError: (error) =>
          this.logger.error(`Projection '${projection.name}' stopped: ${String(error)}`),
      });
      await runner.start();
      this.runners.push(runner);
      this.logger.log(`Projection '${projection.name}' running`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.splice(0).map((runner) => runner.stop()));
  }
}
