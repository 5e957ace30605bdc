import {
  type ClassProvider,
  type DynamicModule,
  type ExistingProvider,
  type FactoryProvider,
  Module,
  type ValueProvider,
} from '@nestjs/common';
import { PlannerTriggerModule } from './planner-trigger.module';
import { PLANNING_RUN, type PlanningRun } from './planning-run.port';
import { PlanningRunsService } from './planning-runs.service';
import { PlanningScheduler } from './planning-scheduler';
import { PlanningWorker } from './planning.worker';

type WithoutToken<P> = P extends unknown ? Omit<P, 'provide'> : never;

/** How the importing module provides the planning computation: a Nest provider minus `provide`. */
export type PlanningRunProvider = WithoutToken<
  | ClassProvider<PlanningRun>
  | ValueProvider<PlanningRun>
  | FactoryProvider<PlanningRun>
  | ExistingProvider<PlanningRun>
>;

/**
 * The refill-planning queue: trigger, schedule, worker and run records, around a planning
 * computation given as `planningRun`. Its provider is resolved inside this module, so what it
 * injects must come from `imports` (e.g. `{ useExisting: RefillPlanner }` with
 * `imports: [ModuleThatExportsRefillPlanner]`).
 *
 * Nothing starts by itself: the process that plans calls `PlanningScheduler.ensureSchedule()`
 * and `PlanningWorker.start()`. Serves no routes either: the importing module lists
 * `PlanningRunsHttpController` in its controllers before any controller with `/plans/:id`,
 * since routes match in registration order and `:id` would take `runs`.
 */
@Module({})
export class PlanningQueueModule {
  static register(options: {
    planningRun: PlanningRunProvider;
    imports?: DynamicModule['imports'];
  }): DynamicModule {
    return {
      module: PlanningQueueModule,
      imports: [PlannerTriggerModule, ...(options.imports ?? [])],
      providers: [
        { ...options.planningRun, provide: PLANNING_RUN },
        PlanningScheduler,
        PlanningWorker,
        PlanningRunsService,
      ],
      exports: [PlannerTriggerModule, PlanningScheduler, PlanningWorker, PlanningRunsService],
    };
  }
}
