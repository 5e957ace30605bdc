import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../access';
import type { Actor } from '../../access/actor';
import { commandContext } from '../command-context';
import { ResolveScanConflictDto, ScanConflictListQuery } from './scan-conflicts.dto';
import { ScanConflictsService } from './scan-conflicts.service';

/** The review queue: offline confirmations the ledger refused, kept as they were reported. */
@ApiTags('reconciliation')
@ApiBearerAuth()
@Controller('scan-conflicts')
export class ScanConflictsHttpController {
  constructor(private readonly conflicts: ScanConflictsService) {}

  @Get()
  @Roles('dispatcher', 'analyst', 'admin')
  @ApiOkResponse({ description: 'Oldest first.' })
  @ApiBadRequestResponse({ description: 'A filter breaks a rule.' })
  async list(@Query() query: ScanConflictListQuery, @CurrentActor() actor: Actor) {
    return { items: await this.conflicts.list(query.status ?? 'open', actor) };
  }

  @Post(':conflictId/resolve')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiOkResponse({ description: 'The conflict, resolved.' })
  @ApiNotFoundResponse({ description: 'No such scan conflict.' })
  resolve(
    @Param('conflictId', new ParseUUIDPipe()) conflictId: string,
    @Body() body: ResolveScanConflictDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.conflicts.resolve(conflictId, body.resolution, body.note, commandContext(actor));
  }
}
