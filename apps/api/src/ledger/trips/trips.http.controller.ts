import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentActor, Roles } from '../../access';
import type { Actor } from '../../access/actor';
import { commandContext } from '../command-context';
import { CompleteTripCommand } from './commands/complete-trip/complete-trip.command';
import { AbortTripCommand } from './commands/abort-trip/abort-trip.command';
import { AbortTripDto } from './commands/abort-trip/abort-trip.dto';
import { CancelTripCommand } from './commands/cancel-trip/cancel-trip.command';
import { CancelTripDto } from './commands/cancel-trip/cancel-trip.dto';
import { CompleteTripDto } from './commands/complete-trip/complete-trip.dto';
import { CreateTripCommand } from './commands/create-trip/create-trip.command';
import { CreateTripDto } from './commands/create-trip/create-trip.dto';
import { DeliverAtStopCommand } from './commands/deliver-at-stop/deliver-at-stop.command';
import { DeliverAtStopDto } from './commands/deliver-at-stop/deliver-at-stop.dto';
import { LoadTripCommand } from './commands/load-trip/load-trip.command';
import { LoadTripDto } from './commands/load-trip/load-trip.dto';
import { UnloadTripCommand } from './commands/unload-trip/unload-trip.command';
import { UnloadTripDto } from './commands/unload-trip/unload-trip.dto';
import type { TripOperationResult } from './trip-operation.runner';
import { ScanConflictsService } from '../scan-conflicts/scan-conflicts.service';
import { DeliveryProofRefused } from '../delivery-proofs/delivery-proof.errors';
import { DeliveryProofStore } from '../delivery-proofs/delivery-proof.store';

/** The slice of express's response the deliveries endpoint sets (without depending on its types). */
interface StatusSettable {
  status(code: number): unknown;
}

const tripId = new ParseUUIDPipe();

/** A trip's life: planned by a dispatcher, then loaded, delivered and unloaded by its driver. */
@ApiTags('trips')
@ApiBearerAuth()
@Controller('trips')
export class TripsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly scanConflicts: ScanConflictsService,
    private readonly proofs: DeliveryProofStore,
  ) {}

  @Post()
  @Roles('dispatcher', 'admin')
  create(@Body() body: CreateTripDto, @CurrentActor() actor: Actor): Promise<TripOperationResult> {
    const id = body.tripId ?? randomUUID();
    return this.commands.execute(
      new CreateTripCommand({ ...body, tripId: id }, commandContext(actor, { correlationId: id })),
    );
  }

  @Post(':tripId/load')
  @HttpCode(200)
  @Roles('driver', 'dispatcher', 'admin')
  load(
    @Param('tripId', tripId) id: string,
    @Body() body: LoadTripDto,
    @CurrentActor() actor: Actor,
  ): Promise<TripOperationResult> {
    return this.commands.execute(
      new LoadTripCommand(id, body.serials, this.context(actor, id, body.occurredAt)),
    );
  }

  /**
   * A confirmation sent late by an offline device (with `occurredAt`) that the ledger refuses
   * because the cylinders were recorded elsewhere meanwhile is not lost: it is kept in the scan
   * conflict review queue and answered 202 with the conflict. Online, a refusal is a 409.
   */
  @Post(':tripId/deliveries')
  @HttpCode(200)
  @Roles('driver', 'dispatcher', 'admin')
  async deliver(
    @Param('tripId', tripId) id: string,
    @Body() body: DeliverAtStopDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: StatusSettable,
  ): Promise<TripOperationResult | { scanConflict: unknown }> {
    const { occurredAt, ...stop } = body;
    const context = this.context(actor, id, occurredAt);
    await this.requireProofImages(body);
    try {
      return await this.commands.execute(new DeliverAtStopCommand(id, stop, context));
    } catch (error) {
      const kept = await this.scanConflicts.keepIfConflict(
        error,
        { tripId: id, facilityId: stop.facilityId, body: { ...body } },
        context,
        occurredAt !== undefined,
      );
      if (!kept) throw error;
      response.status(HttpStatus.ACCEPTED);
      return { scanConflict: kept };
    }
  }

  @Post(':tripId/unload')
  @HttpCode(200)
  @Roles('driver', 'dispatcher', 'admin')
  unload(
    @Param('tripId', tripId) id: string,
    @Body() body: UnloadTripDto,
    @CurrentActor() actor: Actor,
  ): Promise<TripOperationResult> {
    return this.commands.execute(
      new UnloadTripCommand(
        id,
        body.facilityId,
        body.serials,
        this.context(actor, id, body.occurredAt),
      ),
    );
  }

  @Post(':tripId/complete')
  @HttpCode(200)
  @Roles('driver', 'dispatcher', 'admin')
  complete(
    @Param('tripId', tripId) id: string,
    @Body() body: CompleteTripDto,
    @CurrentActor() actor: Actor,
  ): Promise<TripOperationResult> {
    return this.commands.execute(
      new CompleteTripCommand(
        id,
        body.missingSerials ?? [],
        this.context(actor, id, body.occurredAt),
      ),
    );
  }

  @Post(':tripId/cancel')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  cancel(
    @Param('tripId', tripId) id: string,
    @Body() body: CancelTripDto,
    @CurrentActor() actor: Actor,
  ): Promise<TripOperationResult> {
    return this.commands.execute(
      new CancelTripCommand(id, body.reason, this.context(actor, id, body.occurredAt)),
    );
  }

  @Post(':tripId/abort')
  @HttpCode(200)
  @Roles('driver', 'dispatcher', 'admin')
  abort(
    @Param('tripId', tripId) id: string,
    @Body() body: AbortTripDto,
    @CurrentActor() actor: Actor,
  ): Promise<TripOperationResult> {
    const { occurredAt, ...abort } = body;
    return this.commands.execute(
      new AbortTripCommand(
        id,
        { ...abort, missingSerials: abort.missingSerials ?? [] },
        this.context(actor, id, occurredAt),
      ),
    );
  }

  /** A delivery cites its proof images by hash only once they are stored. */
  private async requireProofImages({ proof }: DeliverAtStopDto): Promise<void> {
    if (!proof) return;
    const cited = [
      ['proof.signatureSha256', proof.signatureSha256],
      ['proof.photoSha256', proof.photoSha256],
    ].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    const missing = await this.proofs.missing(cited.map(([, hash]) => hash));
    const [field] = cited.find(([, hash]) => missing.includes(hash)) ?? [];
    if (field) {
      throw new DeliveryProofRefused(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'delivery-proof.not-uploaded',
        field,
        'must name an image uploaded first with PUT /delivery-proofs/{sha256}',
      );
    }
  }

  private context(actor: Actor, id: string, occurredAt?: string) {
    return commandContext(actor, { correlationId: id, occurredAt });
  }
}
