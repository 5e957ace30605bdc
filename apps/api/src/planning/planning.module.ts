import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from '../access/access.module';
import { LedgerModule } from '../ledger/ledger.module';
import { NetworkModule } from '../network/network.module';
import { DecideRoutePlanHandler } from './commands/decide-route-plan/decide-route-plan.handler';
import { EditRoutePlanHandler } from './commands/edit-route-plan/edit-route-plan.handler';
import { PlannerModule } from '@oxyledger/planner';
import { RoutePlansReader } from './queries/route-plans.reader';
import { PlanningRunsHttpController } from './queue/planning-runs.http.controller';
import { RoutePlansHttpController } from './route-plans.http.controller';
import { TripManifestHttpController } from './trip-manifest/trip-manifest.http.controller';
import { TripManifestReader } from './trip-manifest/trip-manifest.reader';

/**
 * Refill planning's HTTP side over `@oxyledger/planner` (queue, worker, computation): the plans'
 * API, approving and editing plans, trip manifests. `PlanningRunsHttpController` comes first: its `/plans/runs` must match before
 * `/plans/:planId`.
 */
@Module({
  imports: [CqrsModule, AccessModule, LedgerModule, NetworkModule, PlannerModule],
  controllers: [PlanningRunsHttpController, RoutePlansHttpController, TripManifestHttpController],
  providers: [DecideRoutePlanHandler, EditRoutePlanHandler, RoutePlansReader, TripManifestReader],
  exports: [PlannerModule],
})
export class PlanningModule {}
