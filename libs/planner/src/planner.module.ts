import { Module } from '@nestjs/common';
import { PlannerWake } from './queue/planner-wake';
import { PlanningQueueModule } from './queue/planning-queue.module';
import { RefillPlanningModule } from './refill-planning.module';
import { RoutePlanProposer } from './propose-route-plan/route-plan-proposer';

/**
 * The refill planner without HTTP: the BullMQ queue, schedule and worker around the planning
 * computation, and the wake that follows `SupplyLevelChanged`. Nothing starts by itself: the
 * process that plans (apps/planner, or the api when it runs everything) starts them.
 */
@Module({
  imports: [
    RefillPlanningModule,
    PlanningQueueModule.register({
      planningRun: { useExisting: RoutePlanProposer },
      imports: [RefillPlanningModule],
    }),
  ],
  providers: [PlannerWake],
  exports: [RefillPlanningModule, PlanningQueueModule, PlannerWake],
})
export class PlannerModule {}
