import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../access';
import type { Actor } from '../../access/actor';
import { PlanningRunsQuery, RequestPlanningRunDto } from './planning-runs.dto';
import { PlanningRunsService } from '@oxyledger/planner';

const DEFAULT_RUNS_LISTED = 50;

/**
 * Planning runs: ask for one now, and see what the planning queue holds. `/plans/runs` would
 * match a `/plans/:id` route registered earlier, so the module that also serves `/plans/:id`
 * must list this controller before that one.
 */
@ApiTags('planning')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'A field breaks a rule; each is named with its rule.' })
@Controller('plans')
export class PlanningRunsHttpController {
  constructor(private readonly runs: PlanningRunsService) {}

  @Post()
  @HttpCode(202)
  @Roles('dispatcher', 'admin')
  @ApiAcceptedResponse({ description: 'The run is queued; `jobId` names it in /plans/runs.' })
  requestRun(@Body() body: RequestPlanningRunDto, @CurrentActor() actor: Actor) {
    return this.runs.requestRun({ region: body.region, requestedBy: actor.userId });
  }

  @Get('runs')
  @Roles('dispatcher', 'admin', 'analyst')
  @ApiOkResponse({ description: 'Running, waiting, delayed and completed runs, newest first.' })
  recentRuns(@Query() query: PlanningRunsQuery) {
    return this.runs.recentRuns(query.limit ?? DEFAULT_RUNS_LISTED);
  }

  @Get('runs/failed')
  @Roles('dispatcher', 'admin')
  @ApiOkResponse({ description: 'Runs that failed their last attempt, newest first.' })
  failedRuns(@Query() query: PlanningRunsQuery) {
    return this.runs.failedRuns(query.limit ?? DEFAULT_RUNS_LISTED);
  }
}
