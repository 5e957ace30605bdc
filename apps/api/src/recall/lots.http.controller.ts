import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../access';
import type { Actor } from '../access/actor';
import { assertMayActForSupplier } from '../access/authorization';
import { commandContext } from '../ledger/command-context';
import { NetworkService } from '@oxyledger/network';
import { IDEMPOTENCY_API_HEADER } from '../shared/idempotency/idempotency.api-header';
import { lotRecallReport } from './lot-recall.report';
import { LotRecallService } from './lot-recall.service';
import { RecallLotDto } from './lots.dto';

/** Lots of filled oxygen: recall one that failed QC after the fact, and see where it went. */
@ApiTags('recalls')
@ApiBearerAuth()
@Controller('lots')
export class LotsHttpController {
  constructor(
    private readonly recalls: LotRecallService,
    private readonly network: NetworkService,
  ) {}

  @Post(':lot/recall')
  @HttpCode(200)
  @Roles('producer', 'dispatcher', 'admin')
  @ApiHeader(IDEMPOTENCY_API_HEADER)
  @ApiOkResponse({
    description:
      'Every cylinder of the lot not yet emptied is quarantined wherever it is; the recall report. ' +
      'Asking again resumes an unfinished recall and quarantines nothing twice.',
  })
  @ApiNotFoundResponse({ description: 'No cylinder was ever filled with this lot.' })
  @ApiForbiddenResponse({ description: "Another plant's or supplier's lot." })
  async recall(
    @Param('lot') lot: string,
    @Body() body: RecallLotDto,
    @CurrentActor() actor: Actor,
  ) {
    const context = commandContext(actor, {
      occurredAt: body.occurredAt,
      correlationId: `lot-recall:${lot}`,
    });
    const recall = await this.recalls.recall(lot, body.reason, context);
    return lotRecallReport(recall, await this.facilities());
  }

  @Get(':lot/recall')
  @Roles('producer', 'dispatcher', 'analyst', 'admin')
  @ApiOkResponse({
    description: 'The recall report: where each cylinder of the lot is, who received it.',
  })
  @ApiNotFoundResponse({ description: 'The lot was not recalled.' })
  async report(@Param('lot') lot: string, @CurrentActor() actor: Actor) {
    const { state } = await this.recalls.load(lot);
    if (state === null) throw new NotFoundException(`Lot ${lot} was not recalled`);
    if (actor.role === 'dispatcher') {
      const owners = await this.recalls.suppliersOf(lot);
      for (const owner of owners) assertMayActForSupplier(actor, owner);
    }
    return lotRecallReport(state, await this.facilities());
  }

  private async facilities() {
    const all = await this.network.allFacilities();
    return new Map(all.map((facility) => [facility.id, facility]));
  }
}
