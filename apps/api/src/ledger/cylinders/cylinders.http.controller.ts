import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../access';
import type { Actor } from '../../access/actor';
import { commandContext } from '../command-context';
import { FillCylindersCommand } from './commands/fill-cylinders/fill-cylinders.command';
import { FillCylindersDto } from './commands/fill-cylinders/fill-cylinders.dto';
import type { FillCylindersResult } from './commands/fill-cylinders/fill-cylinders.handler';
import { RegisterCylindersCommand } from './commands/register-cylinders/register-cylinders.command';
import { RegisterCylindersDto } from './commands/register-cylinders/register-cylinders.dto';
import type { RegisterCylindersResult } from './commands/register-cylinders/register-cylinders.handler';
import { GetCylinderQuery } from './queries/get-cylinder/get-cylinder.query';
import type { CylinderView } from './queries/get-cylinder/get-cylinder.handler';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key returns the original answer and records nothing twice',
};

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
  @ApiHeader(IDEMPOTENCY_HEADER)
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
  @ApiHeader(IDEMPOTENCY_HEADER)
  fill(@Body() body: FillCylindersDto, @CurrentActor() actor: Actor): Promise<FillCylindersResult> {
    const { occurredAt, ...fill } = body;
    return this.commands.execute(
      new FillCylindersCommand(fill, commandContext(actor, { occurredAt })),
    );
  }

  @Get(':serial')
  @HttpCode(200)
  get(@Param('serial') serial: string): Promise<CylinderView> {
    return this.queries.execute(new GetCylinderQuery(serial));
  }
}
