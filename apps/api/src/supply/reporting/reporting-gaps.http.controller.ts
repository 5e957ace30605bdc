import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../access';
import type { Actor } from '../../access/actor';
import { readScopeOf } from '../../access/authorization';
import { refuseScope } from '../supply-scope';
import { ReportingGapsPage, ReportingGapsQuery } from './reporting-gaps.dto';
import { ReportingGapsReader } from './reporting-gaps.reader';
import { pageOf } from '../../shared/http/page-of';

const DEFAULT_DAYS = 3;

/** "Who has not reported": hospitals with no census and no cylinder movement lately. */
@ApiTags('supply')
@ApiBearerAuth()
@Controller('supply/reporting')
export class ReportingGapsHttpController {
  constructor(private readonly reader: ReportingGapsReader) {}

  @Get()
  @ApiOkResponse({ type: ReportingGapsPage })
  @ApiBadRequestResponse({ description: '`days` is not a whole number from 1 to 90.' })
  async list(
    @Query() query: ReportingGapsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<ReportingGapsPage> {
    const scope = readScopeOf(actor);
    if (scope.kind === 'driver') refuseScope(actor, 'hospitals’ reporting');
    const days = query.days ?? DEFAULT_DAYS;
    const own = scope.kind === 'facility' ? scope.facilityId : undefined;
    return { days, ...pageOf(await this.reader.silentFor(days, new Date(), own), query) };
  }
}
