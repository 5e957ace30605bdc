import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../access';
import type { Actor } from '../../access/actor';
import { commandContext } from '../command-context';
import {
  ChangeCylinderCommand,
  type CylinderChange,
} from './commands/change-cylinder/change-cylinder.command';
import {
  FoundDto,
  OccurredAtDto,
  OptionalReasonDto,
  ReasonDto,
  RecordTestDto,
  ReleaseDto,
} from './commands/change-cylinder/change-cylinder.dto';
import type { ChangeCylinderResult } from './commands/change-cylinder/change-cylinder.handler';
import { FillCylindersCommand } from './commands/fill-cylinders/fill-cylinders.command';
import { FillCylindersDto } from './commands/fill-cylinders/fill-cylinders.dto';
import type { FillCylindersResult } from './commands/fill-cylinders/fill-cylinders.handler';
import { RegisterCylindersCommand } from './commands/register-cylinders/register-cylinders.command';
import { RegisterCylindersDto } from './commands/register-cylinders/register-cylinders.dto';
import type { RegisterCylindersResult } from './commands/register-cylinders/register-cylinders.handler';
import { GetCylinderQuery } from './queries/get-cylinder/get-cylinder.query';
import {
  cylinderReadSubject,
  type CylinderView,
} from './queries/get-cylinder/get-cylinder.handler';
import { assertMayReadCylinder } from '../../access/read-rules';
import { IDEMPOTENCY_API_HEADER } from '../../shared/idempotency/idempotency.api-header';

@ApiTags('cylinders')
@ApiBearerAuth()
@Controller('cylinders')
export class CylindersHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('producer', 'admin')
  @ApiHeader(IDEMPOTENCY_API_HEADER)
  register(
    @Body() body: RegisterCylindersDto,
    @CurrentActor() actor: Actor,
  ): Promise<RegisterCylindersResult> {
    return this.commands.execute(
      new RegisterCylindersCommand(
        body.facilityId,
        body.cylinders,
        commandContext(actor, { occurredAt: body.occurredAt }),
      ),
    );
  }

  @Post('fills')
  @Roles('producer', 'admin')
  @ApiHeader(IDEMPOTENCY_API_HEADER)
  fill(@Body() body: FillCylindersDto, @CurrentActor() actor: Actor): Promise<FillCylindersResult> {
    const { occurredAt, ...fill } = body;
    return this.commands.execute(
      new FillCylindersCommand(fill, commandContext(actor, { occurredAt })),
    );
  }

  @Post(':serial/in-use')
  @HttpCode(200)
  @Roles('hospital', 'admin')
  putInUse(
    @Param('serial') serial: string,
    @Body() body: OccurredAtDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.change(serial, { type: 'PutCylinderInUse', data: {} }, actor, body.occurredAt);
  }

  @Post(':serial/empty')
  @HttpCode(200)
  @Roles('hospital', 'admin')
  markEmpty(
    @Param('serial') serial: string,
    @Body() body: OccurredAtDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.change(serial, { type: 'MarkCylinderEmpty', data: {} }, actor, body.occurredAt);
  }

  @Post(':serial/tests')
  @HttpCode(200)
  @Roles('producer', 'admin')
  recordTest(
    @Param('serial') serial: string,
    @Body() body: RecordTestDto,
    @CurrentActor() actor: Actor,
  ) {
    const { occurredAt, ...test } = body;
    return this.change(serial, { type: 'RecordCylinderTest', data: test }, actor, occurredAt);
  }

  @Post(':serial/quarantine')
  @HttpCode(200)
  @Roles('producer', 'hospital', 'admin')
  quarantine(
    @Param('serial') serial: string,
    @Body() body: ReasonDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.change(
      serial,
      { type: 'QuarantineCylinder', data: { reason: body.reason } },
      actor,
      body.occurredAt,
    );
  }

  @Post(':serial/release')
  @HttpCode(200)
  @Roles('producer', 'admin')
  release(@Param('serial') serial: string, @Body() body: ReleaseDto, @CurrentActor() actor: Actor) {
    return this.change(
      serial,
      { type: 'ReleaseCylinder', data: { releaseAs: body.releaseAs } },
      actor,
      body.occurredAt,
    );
  }

  @Post(':serial/condemn')
  @HttpCode(200)
  @Roles('producer', 'admin')
  condemn(@Param('serial') serial: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor) {
    return this.change(
      serial,
      { type: 'CondemnCylinder', data: { reason: body.reason } },
      actor,
      body.occurredAt,
    );
  }

  @Post(':serial/lost')
  @HttpCode(200)
  @Roles('producer', 'hospital', 'dispatcher', 'admin')
  reportLost(
    @Param('serial') serial: string,
    @Body() body: OptionalReasonDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.change(
      serial,
      { type: 'ReportCylinderLost', data: { reason: body.reason } },
      actor,
      body.occurredAt,
    );
  }

  @Post(':serial/found')
  @HttpCode(200)
  @Roles('producer', 'hospital', 'dispatcher', 'admin')
  reportFound(
    @Param('serial') serial: string,
    @Body() body: FoundDto,
    @CurrentActor() actor: Actor,
  ) {
    const { occurredAt, ...found } = body;
    return this.change(serial, { type: 'ReportCylinderFound', data: found }, actor, occurredAt);
  }

  private change(
    serial: string,
    change: CylinderChange,
    actor: Actor,
    occurredAt?: string,
  ): Promise<ChangeCylinderResult> {
    return this.commands.execute(
      new ChangeCylinderCommand(serial, change, commandContext(actor, { occurredAt })),
    );
  }

  @Get(':serial')
  @HttpCode(200)
  async get(@Param('serial') serial: string, @CurrentActor() actor: Actor): Promise<CylinderView> {
    const view: CylinderView = await this.queries.execute(new GetCylinderQuery(serial));
    // a plant follows its own supplier's cylinders wherever they are (float, demurrage)
    assertMayReadCylinder(actor, cylinderReadSubject(view), actor.plantSupplierId);
    return view;
  }
}
