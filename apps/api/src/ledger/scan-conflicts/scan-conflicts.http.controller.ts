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
import { DEFAULT_PAGE_SIZE } from '@oxyledger/network';
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
  @ApiOkResponse({ description: 'Oldest first, a page at a time.' })
  @ApiBadRequestResponse({ description: 'A filter or the paging breaks a rule.' })
  list(@Query() query: ScanConflictListQuery, @CurrentActor() actor: Actor) {
    return this.conflicts.list(query.status ?? 'open', query.tripId, actor, {
      page: query.page ?? 1,
      pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE,
    });
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
