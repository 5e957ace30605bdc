import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../access';
import type { Actor } from '../access/actor';
import { commandContext } from '../ledger/command-context';
import { AcknowledgeAlertDto, AlertListQuery, ResolveAlertDto } from './alert.dto';
import { HandleAlertCommand } from './commands/handle-alert/handle-alert.command';
import { ListAlertsQuery } from './queries/list-alerts/list-alerts.query';

/** Alerts: conditions someone must act on, and who acknowledged or resolved them. */
@ApiTags('alerts')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'A field breaks a rule; each is named with its rule.' })
@Controller('alerts')
export class AlertsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Open alerts the reader may see, most severe first.' })
  list(@Query() query: AlertListQuery, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListAlertsQuery(query, actor, new Date()));
  }

  @Post(':alertId/acknowledge')
  @HttpCode(200)
  @Roles('producer', 'hospital', 'dispatcher', 'driver', 'admin')
  @ApiOkResponse({ description: 'The alert, acknowledged.' })
  @ApiNotFoundResponse({ description: 'No such open alert the actor may see.' })
  acknowledge(
    @Param('alertId') alertId: string,
    @Body() body: AcknowledgeAlertDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new HandleAlertCommand(
        alertId,
        { type: 'AcknowledgeAlert', note: body.note },
        commandContext(actor),
      ),
    );
  }

  @Post(':alertId/resolve')
  @HttpCode(200)
  @Roles('producer', 'hospital', 'dispatcher', 'admin')
  @ApiOkResponse({ description: 'The alert, resolved: hidden while its condition lasts.' })
  @ApiNotFoundResponse({ description: 'No such open alert the actor may see.' })
  resolve(
    @Param('alertId') alertId: string,
    @Body() body: ResolveAlertDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new HandleAlertCommand(
        alertId,
        { type: 'ResolveAlert', note: body.note },
        commandContext(actor),
      ),
    );
  }
}
