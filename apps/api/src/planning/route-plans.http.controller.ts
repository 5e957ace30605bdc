import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { RoutePlanEdit } from '@oxyledger/domain';
import { CurrentActor, Roles } from '../access';
import type { Actor } from '../access/actor';
import { commandContext } from '../ledger/command-context';
import { DecideRoutePlanCommand } from './commands/decide-route-plan/decide-route-plan.command';
import { EditRoutePlanCommand } from './commands/edit-route-plan/edit-route-plan.command';
import { RoutePlansReader } from './queries/route-plans.reader';
import { EditRoutePlanDto, RejectRoutePlanDto, RoutePlanListQuery } from './route-plan.dto';

/** Refill route plans: what the planner proposes, and the dispatcher's edits and decision. */
@ApiTags('planning')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'A field breaks a rule; each is named with its rule.' })
@Controller('plans')
export class RoutePlansHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly plans: RoutePlansReader,
  ) {}

  @Get()
  @Roles('dispatcher', 'analyst', 'admin')
  @ApiOkResponse({ description: 'Plans, newest first: routes, unserved needs, solver figures.' })
  list(@Query() query: RoutePlanListQuery) {
    return this.plans.list(query);
  }

  @Get(':planId')
  @Roles('dispatcher', 'analyst', 'admin')
  @ApiNotFoundResponse({ description: 'No such plan.' })
  get(@Param('planId') planId: string) {
    return this.plans.get(planId);
  }

  @Post(':planId/approve')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiOkResponse({ description: 'Approved: one trip per route, created in the same append.' })
  @ApiConflictResponse({ description: 'The plan was approved or rejected already.' })
  approve(@Param('planId') planId: string, @CurrentActor() actor: Actor) {
    return this.commands.execute(
      new DecideRoutePlanCommand(planId, { type: 'approve' }, commandContext(actor)),
    );
  }

  @Post(':planId/reject')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiConflictResponse({ description: 'The plan was approved or rejected already.' })
  reject(
    @Param('planId') planId: string,
    @Body() body: RejectRoutePlanDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new DecideRoutePlanCommand(
        planId,
        { type: 'reject', reason: body.reason },
        commandContext(actor),
      ),
    );
  }

  @Post(':planId/edits')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiOkResponse({ description: 'The plan after the edit, re-timed and checked again.' })
  edit(
    @Param('planId') planId: string,
    @Body() body: EditRoutePlanDto,
    @CurrentActor() actor: Actor,
  ) {
    const edit: RoutePlanEdit =
      body.kind === 'drop-stop'
        ? { kind: 'drop-stop', facilityId: body.facilityId, routeId: body.routeId! }
        : {
            kind: 'move-stop',
            facilityId: body.facilityId,
            fromRouteId: body.fromRouteId!,
            toRouteId: body.toRouteId!,
            position: body.position!,
          };
    return this.commands.execute(new EditRoutePlanCommand(planId, edit, commandContext(actor)));
  }
}
