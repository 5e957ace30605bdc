import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../../access';
import type { Actor } from '../../access/actor';
import { GetTripQuery } from '../../supply/trips/queries/get-trip/get-trip.query';
import { supplyScopeOf } from '../../supply/supply-scope';
import { manifestHtml, type TripManifest } from './trip-manifest';
import { TripManifestReader } from './trip-manifest.reader';

/** The driver's manifest of a planned trip: per stop what to deliver and collect, and when. */
@ApiTags('trips')
@ApiBearerAuth()
@Controller('trips')
export class TripManifestHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly manifests: TripManifestReader,
  ) {}

  @Get(':tripId/manifest')
  @ApiProduces('application/json', 'text/html')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiOkResponse({
    description: 'JSON, or a printable page with format=html (or Accept: text/html).',
  })
  @ApiNotFoundResponse({ description: 'No such trip for this reader, or one not from a plan.' })
  async manifest(
    @Param('tripId') tripId: string,
    @Query('format') format: string | undefined,
    @Headers('accept') accept: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TripManifest | string> {
    // the trip as this reader may see it (404 outside their scope: a driver sees their own)
    await this.queries.execute(new GetTripQuery(tripId, supplyScopeOf(actor)));
    const manifest = await this.manifests.manifest(tripId);
    const html = format === 'html' || (format !== 'json' && /text\/html/.test(accept ?? ''));
    if (!html) return manifest;
    response.type('html');
    return manifestHtml(manifest);
  }
}
