import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentActor } from '../../../access';
import type { Actor } from '../../../access/actor';
import { supplyScopeOf } from '../../supply-scope';
import { GetTripQuery } from '../queries/get-trip/get-trip.query';
import type { TripView } from '../trip-view.dto';

export class ExpectedCylinderView {
  @ApiProperty() serial!: string;
  @ApiProperty() sizeCode!: string;
  @ApiProperty() status!: string;
}

export class StopEmptiesView {
  @ApiProperty() facilityId!: string;
  @ApiProperty({ type: [ExpectedCylinderView] }) empties!: ExpectedCylinderView[];
}

export class ExpectedCylindersView {
  @ApiProperty() tripId!: string;
  @ApiProperty({
    type: [ExpectedCylinderView],
    description: 'Full cylinders at the origin now: what may be loaded',
  })
  atOrigin!: ExpectedCylinderView[];
  @ApiProperty({ type: [ExpectedCylinderView] }) onBoard!: ExpectedCylinderView[];
  @ApiProperty({ type: [StopEmptiesView] }) stops!: StopEmptiesView[];
}

/** Enough cylinders at a plant for a day's loading; a phone keeps this list offline. */
const AT_ORIGIN_LIMIT = 2000;

/**
 * What a trip's scans are checked against on the phone, offline: the full cylinders at the
 * origin (loadable), those on board, and the empties waiting at each stop (collectable), with
 * their sizes. Drivers may not list cylinders otherwise; this is scoped to their own trip.
 */
@ApiTags('trips')
@ApiBearerAuth()
@Controller('trips')
export class ExpectedCylindersHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly dataSource: DataSource,
  ) {}

  @Get(':tripId/expected-cylinders')
  @ApiOkResponse({ type: ExpectedCylindersView })
  @ApiNotFoundResponse({ description: 'No such trip, or not one the reader may see.' })
  async expected(
    @Param('tripId') tripId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ExpectedCylindersView> {
    const trip: TripView = await this.queries.execute(
      new GetTripQuery(tripId, supplyScopeOf(actor)),
    );
    const stopIds = trip.stops.map((stop) => stop.facilityId);
    const rows = (await this.dataSource.query(
      `(SELECT serial, size_code, status, facility_id, trip_id FROM app.cylinder_states
          WHERE facility_id = $1 AND status = 'FULL' ORDER BY serial LIMIT ${AT_ORIGIN_LIMIT})
       UNION ALL
       (SELECT serial, size_code, status, facility_id, trip_id FROM app.cylinder_states
          WHERE trip_id = $2)
       UNION ALL
       (SELECT serial, size_code, status, facility_id, trip_id FROM app.cylinder_states
          WHERE facility_id = ANY($3) AND status = 'EMPTY')`,
      [trip.originId, tripId, stopIds],
    )) as {
      serial: string;
      size_code: string;
      status: string;
      facility_id: string | null;
      trip_id: string | null;
    }[];
    const view = (row: (typeof rows)[number]): ExpectedCylinderView => ({
      serial: row.serial,
      sizeCode: row.size_code,
      status: row.status,
    });
    return {
      tripId,
      atOrigin: rows
        .filter((row) => row.facility_id === trip.originId && row.status === 'FULL')
        .map(view),
      onBoard: rows.filter((row) => row.trip_id === tripId).map(view),
      stops: stopIds.map((facilityId) => ({
        facilityId,
        empties: rows
          .filter((row) => row.facility_id === facilityId && row.status === 'EMPTY')
          .map(view),
      })),
    };
  }
}
