import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../../access';
import type { Actor } from '../../access/actor';
import { supplyScopeOf } from '../supply-scope';
import { GetTripQuery } from './queries/get-trip/get-trip.query';
import { ListTripsQuery } from './queries/list-trips/list-trips.query';
import { TripListQuery, TripPage, TripView } from './trip-view.dto';

/** Trips as the read model has them: status, stops, what was loaded, delivered, collected. */
@ApiTags('trips')
@ApiBearerAuth()
@Controller('trips')
export class TripReadHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ type: TripPage, description: 'Latest planned first.' })
  @ApiBadRequestResponse({ description: 'A filter breaks a rule; each is named with its rule.' })
  list(@Query() query: TripListQuery, @CurrentActor() actor: Actor): Promise<TripPage> {
    return this.queries.execute(new ListTripsQuery(query, supplyScopeOf(actor)));
  }

  @Get(':tripId')
  @ApiOkResponse({ type: TripView })
  @ApiNotFoundResponse({ description: 'No such trip, or not one the reader may see.' })
  get(@Param('tripId') tripId: string, @CurrentActor() actor: Actor): Promise<TripView> {
    return this.queries.execute(new GetTripQuery(tripId, supplyScopeOf(actor)));
  }
}
