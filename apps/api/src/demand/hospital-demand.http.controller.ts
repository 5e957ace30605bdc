import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../access';
import { assertMayReadHospitalDemand } from '../access/read-rules';
import type { Actor } from '../access/actor';
import { commandContext } from '../ledger/command-context';
import { ChangeHospitalDemandCommand } from './commands/change-hospital-demand/change-hospital-demand.command';
import {
  ReportOxygenCensusDto,
  SetHospitalBedsDto,
} from './commands/change-hospital-demand/change-hospital-demand.dto';
import { GetHospitalDemandQuery } from './queries/get-hospital-demand/get-hospital-demand.query';
import type { HospitalDemandView } from './queries/get-hospital-demand/get-hospital-demand.handler';
import { IDEMPOTENCY_API_HEADER } from '../shared/idempotency/idempotency.api-header';

/** A hospital's oxygen demand profile: beds by kind and the census of patients on oxygen. */
@ApiTags('demand')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No facility has this id.' })
@Controller('hospitals/:facilityId')
export class HospitalDemandHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put('beds')
  @HttpCode(200)
  @Roles('hospital', 'admin')
  @ApiHeader(IDEMPOTENCY_API_HEADER)
  @ApiOkResponse({ description: 'The demand profile after the change.' })
  @ApiBadRequestResponse({ description: 'A count breaks a rule; each is named with its rule.' })
  @ApiForbiddenResponse({ description: 'Not this hospital’s staff.' })
  @ApiUnprocessableEntityResponse({ description: 'The facility is not a hospital.' })
  setBeds(
    @Param('facilityId') facilityId: string,
    @Body() body: SetHospitalBedsDto,
    @CurrentActor() actor: Actor,
  ) {
    const { occurredAt, ...beds } = body;
    return this.commands.execute(
      new ChangeHospitalDemandCommand(
        facilityId,
        { type: 'SetHospitalBeds', beds },
        commandContext(actor, { occurredAt }),
      ),
    );
  }

  @Post('census')
  @HttpCode(201)
  @Roles('hospital', 'admin')
  @ApiHeader(IDEMPOTENCY_API_HEADER)
  @ApiBadRequestResponse({ description: 'A count breaks a rule; each is named with its rule.' })
  @ApiForbiddenResponse({ description: 'Not this hospital’s staff.' })
  @ApiUnprocessableEntityResponse({ description: 'The facility is not a hospital.' })
  reportCensus(
    @Param('facilityId') facilityId: string,
    @Body() body: ReportOxygenCensusDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new ChangeHospitalDemandCommand(
        facilityId,
        { type: 'ReportOxygenCensus', severe: body.severe, critical: body.critical },
        commandContext(actor, { occurredAt: body.occurredAt }),
      ),
    );
  }

  @Get('demand')
  @ApiOkResponse({ description: 'Beds, latest census and the clinical estimate of daily need.' })
  @ApiForbiddenResponse({ description: 'Another hospital’s census, or a producer or driver.' })
  demand(
    @Param('facilityId') facilityId: string,
    @CurrentActor() actor: Actor,
  ): Promise<HospitalDemandView> {
    assertMayReadHospitalDemand(actor, facilityId);
    return this.queries.execute(new GetHospitalDemandQuery(facilityId));
  }
}
