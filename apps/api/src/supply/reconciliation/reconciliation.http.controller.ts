import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../../access';
import type { Actor } from '../../access/actor';
import { scopeFilter, supplyScopeOf } from '../supply-scope';
import { GetTripReconciliationQuery } from './queries/get-trip-reconciliation/get-trip-reconciliation.query';
import { ListDemurrageQuery } from './queries/list-demurrage/list-demurrage.query';
import { ListFlaggedTripsQuery } from './queries/list-flagged-trips/list-flagged-trips.query';
import { DEFAULT_FREE_DAYS, DemurrageQuery, FlaggedTripsQuery } from './reconciliation.dto';
import { pageOf } from '../../shared/http/page-of';

const DAY_MS = 86_400_000;

/** The checks that keep a fleet honest: trucks that did not give back what they took on, and
 * cylinders held at hospitals past the free period. */
@ApiTags('reconciliation')
@ApiBearerAuth()
@ApiBadRequestResponse({ description: 'A filter breaks a rule; each is named with its rule.' })
@Controller()
export class ReconciliationHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('trips/:tripId/reconciliation')
  @ApiOkResponse({
    description: 'Loaded, delivered, collected, unloaded, and what is unaccounted for.',
  })
  @ApiNotFoundResponse({ description: 'No such trip, or not one the reader may see.' })
  trip(@Param('tripId') tripId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetTripReconciliationQuery(tripId, supplyScopeOf(actor)));
  }

  @Get('reconciliation/trips')
  @ApiOkResponse({ description: 'Completed trips that left cylinders unaccounted for.' })
  async flaggedTrips(@Query() query: FlaggedTripsQuery, @CurrentActor() actor: Actor) {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    const { items } = await this.queries.execute(
      new ListFlaggedTripsQuery(from, to, supplyScopeOf(actor)),
    );
    return pageOf(items as unknown[], query);
  }

  @Get('reconciliation/demurrage')
  @ApiOkResponse({ description: 'Per supplier and hospital: cylinders held past the free period.' })
  @ApiForbiddenResponse({ description: 'Another facility’s or supplier’s cylinders.' })
  async demurrage(@Query() query: DemurrageQuery, @CurrentActor() actor: Actor) {
    const { freeDays, page, pageSize, ...filter } = scopeFilter(actor, query, 'demurrage');
    const result = await this.queries.execute(
      new ListDemurrageQuery(freeDays ?? DEFAULT_FREE_DAYS, filter, new Date()),
    );
    return { ...result, ...pageOf(result.items as unknown[], { page, pageSize }) };
  }
}
