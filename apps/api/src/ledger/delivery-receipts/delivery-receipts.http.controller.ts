import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { decideConfirmReceipt, deliveryReceiptStreamName } from '@oxyledger/domain';
import { DataSource } from 'typeorm';
import { CurrentActor, Roles } from '../../access';
import type { Actor } from '../../access/actor';
import { ForbiddenActionError } from '../../access/authorization';
import { supplyScopeOf } from '../../supply/supply-scope';
import { GetTripQuery } from '../../supply/trips/queries/get-trip/get-trip.query';
import type { TripView } from '../../supply/trips/trip-view.dto';
import { commandContext } from '../command-context';
import { LedgerStore } from '@oxyledger/ledger';
import { ConfirmReceiptDto, DeliveryReceiptView } from './confirm-receipt.dto';

/**
 * A hospital confirms what arrived against what the driver recorded; a difference (missing or
 * unexpected cylinders) is a discrepancy on the dispatcher's reconciliation list.
 */
@ApiTags('trips')
@ApiBearerAuth()
@Controller()
export class DeliveryReceiptsHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly ledger: LedgerStore,
    private readonly dataSource: DataSource,
  ) {}

  @Post('trips/:tripId/stops/:facilityId/receipt')
  @HttpCode(201)
  @Roles('hospital', 'admin')
  @ApiOkResponse({ type: DeliveryReceiptView })
  async confirm(
    @Param('tripId', new ParseUUIDPipe()) tripId: string,
    @Param('facilityId') facilityId: string,
    @Body() body: ConfirmReceiptDto,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryReceiptView> {
    if (actor.role === 'hospital' && actor.facilityId !== facilityId) {
      throw new ForbiddenActionError(
        'access.facility-scope',
        `A hospital user confirms deliveries to their own hospital (${actor.facilityId}) only`,
      );
    }
    // what the driver recorded, as the trip's read model has it
    const trip: TripView = await this.queries.execute(
      new GetTripQuery(tripId, supplyScopeOf(actor)),
    );
    const stop = trip.stops.find((candidate) => candidate.facilityId === facilityId);
    const context = commandContext(actor, { correlationId: tripId, occurredAt: body.occurredAt });
    const streamName = deliveryReceiptStreamName(tripId, facilityId);
    const earlier = await this.ledger.history(streamName);
    const event = decideConfirmReceipt(
      { tripId, facilityId, received: body.received, at: context.occurredAt },
      { recorded: Boolean(stop?.completed), delivered: stop?.delivered ?? [] },
      earlier.length > 0,
    );
    await this.ledger.append([{ streamName, events: [event] }], new Map(), context);
    return { ...event.data, confirmedAt: event.data.at };
  }

  @Get('reconciliation/receipts')
  @Roles('dispatcher', 'analyst', 'admin', 'hospital')
  @ApiQuery({ name: 'discrepancies', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'facilityId', required: false })
  @ApiOkResponse({ type: [DeliveryReceiptView] })
  async list(
    @Query('discrepancies') discrepancies: string | undefined,
    @Query('facilityId') facilityId: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<DeliveryReceiptView[]> {
    const facility = actor.role === 'hospital' ? actor.facilityId : facilityId;
    const rows = (await this.dataSource.query(
      `SELECT trip_id, facility_id, received, missing, unexpected, confirmed_at
       FROM app.delivery_receipts
       WHERE ($1::text IS NULL OR facility_id = $1)
         AND (NOT $2 OR cardinality(missing) > 0 OR cardinality(unexpected) > 0)
       ORDER BY confirmed_at DESC LIMIT 200`,
      [facility ?? null, discrepancies === 'true'],
    )) as {
      trip_id: string;
      facility_id: string;
      received: string[];
      missing: string[];
      unexpected: string[];
      confirmed_at: Date;
    }[];
    return rows.map((row) => ({
      tripId: row.trip_id,
      facilityId: row.facility_id,
      received: row.received,
      missing: row.missing,
      unexpected: row.unexpected,
      confirmedAt: row.confirmed_at.toISOString(),
    }));
  }
}
