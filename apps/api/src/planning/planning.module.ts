import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from '../access/access.module';
import { LedgerModule } from '../ledger/ledger.module';
import { NetworkModule } from '../network/network.module';
import { DecideRoutePlanHandler } from './commands/decide-route-plan/decide-route-plan.handler';
import { EditRoutePlanHandler } from './commands/edit-route-plan/edit-route-plan.handler';
import { RoutePlanProposer } from './commands/propose-route-plan/route-plan-proposer';
import { RoutePlansReader } from './queries/route-plans.reader';
import { PlannerWake } from './queue/planner-wake';
import { PlanningQueueModule } from './queue/planning-queue.module';
import { PlanningRunsHttpController } from './queue/planning-runs.http.controller';
import { RefillPlanningModule } from './refill-planning.module';
import { RoutePlansHttpController } from './route-plans.http.controller';
import { TripManifestHttpController } from './trip-manifest/trip-manifest.http.controller';
import { TripManifestReader } from './trip-manifest/trip-manifest.reader';

/**
 * Refill planning: the BullMQ queue and its worker, the planning computation behind it, and the
 * plans' HTTP API. `PlanningRunsHttpController` comes first: its `/plans/runs` must match before
 * `/plans/:planId`.
 */
@Module({
  imports: [
    CqrsModule,
    AccessModule,
    LedgerModule,
    NetworkModule,
    RefillPlanningModule,
    PlanningQueueModule.register({
      planningRun: { useExisting: RoutePlanProposer },
      imports: [RefillPlanningModule],
    }),
  ],
  controllers: [PlanningRunsHttpController, RoutePlansHttpController, TripManifestHttpController],
  providers: [
    DecideRoutePlanHandler,
    EditRoutePlanHandler,
    RoutePlansReader,
    PlannerWake,
    TripManifestReader,
  ],
  exports: [PlannerWake],
})
export class PlanningModule {}
