import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../access';
import type { Actor } from '../access/actor';
import { commandContext } from '../ledger/command-context';
import { ChangePlantCommand } from './commands/change-plant/change-plant.command';
import {
  ChangePlantStatusDto,
  SetPlantCapacityDto,
} from './commands/change-plant/change-plant.dto';
import { ListPlantsQuery } from './queries/list-plants/list-plants.query';
import { PageQuery } from '../network/page.dto';
import { pageOf } from '../shared/http/page-of';

/** Producer plants: daily fill capacity by size, and status (running, degraded, down). */
@ApiTags('plants')
@ApiBearerAuth()
@Controller('plants')
export class PlantsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Every plant; down first, then degraded, then running.' })
  async list(@Query() query: PageQuery) {
    const { items } = await this.queries.execute(new ListPlantsQuery());
    return pageOf(items as unknown[], query);
  }

  @Get(':facilityId')
  @ApiOkResponse({ description: 'Status, capacity and daily fill capacity by size.' })
  @ApiNotFoundResponse({ description: 'No facility has this id.' })
  @ApiUnprocessableEntityResponse({ description: 'The facility is not a plant.' })
  async get(@Param('facilityId') facilityId: string) {
    const { items } = await this.queries.execute<ListPlantsQuery, { items: unknown[] }>(
      new ListPlantsQuery(facilityId),
    );
    return items[0];
  }

  @Put(':facilityId/capacity')
  @HttpCode(200)
  @Roles('producer', 'admin')
  @ApiOkResponse({ description: 'The plant after the change.' })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; each is named with its rule.' })
  @ApiForbiddenResponse({ description: 'Not this plant’s staff.' })
  setCapacity(
    @Param('facilityId') facilityId: string,
    @Body() body: SetPlantCapacityDto,
    @CurrentActor() actor: Actor,
  ) {
    const { occurredAt, ...capacity } = body;
    return this.commands.execute(
      new ChangePlantCommand(
        facilityId,
        {
          type: 'SetPlantCapacity',
          data: { ...capacity, fillLimitsPerDay: capacity.fillLimitsPerDay ?? {} },
        },
        commandContext(actor, { occurredAt }),
      ),
    );
  }

  @Post(':facilityId/status')
  @HttpCode(200)
  @Roles('producer', 'admin')
  @ApiOkResponse({ description: 'The plant after the change.' })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; each is named with its rule.' })
  @ApiForbiddenResponse({ description: 'Not this plant’s staff.' })
  changeStatus(
    @Param('facilityId') facilityId: string,
    @Body() body: ChangePlantStatusDto,
    @CurrentActor() actor: Actor,
  ) {
    const { occurredAt, ...status } = body;
    return this.commands.execute(
      new ChangePlantCommand(
        facilityId,
        { type: 'ChangePlantStatus', data: status },
        commandContext(actor, { occurredAt }),
      ),
    );
  }
}
