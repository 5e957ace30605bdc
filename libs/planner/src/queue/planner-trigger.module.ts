import { Module } from '@nestjs/common';
import { PlannerTrigger } from './planner-trigger';

/** The one `PlannerTrigger` of a process: the supply watcher and the planning queue share it. */
@Module({ providers: [PlannerTrigger], exports: [PlannerTrigger] })
export class PlannerTriggerModule {}
