import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../../access';
import type { Actor } from '../../access/actor';
import { scopeFilter } from '../supply-scope';
import { DailyFillsPage, DailyFillsQuery } from './daily-fills.dto';
import { ListDailyFillsQuery } from './queries/list-daily-fills/list-daily-fills.query';
import { ListLotFillsQuery } from './queries/list-lot-fills/list-lot-fills.query';

@ApiTags('stock')
@ApiBearerAuth()
@Controller('fills')
export class DailyFillsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('daily')
  @ApiOkResponse({ type: DailyFillsPage })
  @ApiForbiddenResponse({ description: 'Another plant’s or supplier’s fills.' })
  @ApiBadRequestResponse({ description: 'A filter breaks a rule; each is named with its rule.' })
  list(@Query() query: DailyFillsQuery, @CurrentActor() actor: Actor): Promise<DailyFillsPage> {
    const { facilityId, ...scoped } = scopeFilter(
      actor,
      { ...query, facilityId: query.plantId },
      'fills',
    );
    return this.queries.execute(new ListDailyFillsQuery({ ...scoped, plantId: facilityId }));
  }

  @Get('lots')
  @ApiOkResponse({
    description:
      'Each lot a plant filled, latest first: fills that passed QC and QC failures (quarantined).',
  })
  @ApiForbiddenResponse({ description: 'Another plant’s or supplier’s fills.' })
  @ApiBadRequestResponse({ description: 'A filter breaks a rule; each is named with its rule.' })
  lots(@Query() query: DailyFillsQuery, @CurrentActor() actor: Actor) {
    const { facilityId, ...scoped } = scopeFilter(
      actor,
      { ...query, facilityId: query.plantId },
      'fills',
    );
    return this.queries.execute(new ListLotFillsQuery({ ...scoped, plantId: facilityId }));
  }
}
