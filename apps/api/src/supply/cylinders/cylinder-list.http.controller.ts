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
import { type AttentionList, AttentionQuery } from '../attention/attention.dto';
import { ListAttentionQuery } from '../attention/queries/list-attention/list-attention.query';
import { scopeFilter } from '../supply-scope';
import { CylinderListPage, CylinderListQuery } from './cylinder-list.dto';
import { ListCylindersQuery } from './queries/list-cylinders/list-cylinders.query';

/** Lists of cylinders from the read model: all of them, and those someone must act on. */
@ApiTags('stock')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Outside the reader’s facility or supplier.' })
@ApiBadRequestResponse({ description: 'A filter breaks a rule; each is named with its rule.' })
@Controller()
export class CylinderListHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('cylinders')
  @ApiOkResponse({ type: CylinderListPage, description: 'By serial.' })
  list(@Query() query: CylinderListQuery, @CurrentActor() actor: Actor): Promise<CylinderListPage> {
    return this.queries.execute(new ListCylindersQuery(scopeFilter(actor, query, 'cylinders')));
  }

  @Get('attention/tests-due')
  @ApiOkResponse({
    type: CylinderListPage,
    description: 'Test overdue or due soon; soonest first.',
  })
  testsDue(@Query() query: AttentionQuery, @CurrentActor() actor: Actor) {
    return this.attention('tests-due', query, actor);
  }

  @Get('attention/idle-at-hospitals')
  @ApiOkResponse({ type: CylinderListPage, description: 'Idle at a hospital; longest first.' })
  idle(@Query() query: AttentionQuery, @CurrentActor() actor: Actor) {
    return this.attention('idle-at-hospitals', query, actor);
  }

  @Get('attention/in-transit')
  @ApiOkResponse({ type: CylinderListPage, description: 'On a truck too long; longest first.' })
  inTransit(@Query() query: AttentionQuery, @CurrentActor() actor: Actor) {
    return this.attention('in-transit', query, actor);
  }

  @Get('attention/lost')
  @ApiOkResponse({ type: CylinderListPage, description: 'Reported lost; latest first.' })
  lost(@Query() query: AttentionQuery, @CurrentActor() actor: Actor) {
    return this.attention('lost', query, actor);
  }

  private attention(list: AttentionList, query: AttentionQuery, actor: Actor) {
    return this.queries.execute<ListAttentionQuery, CylinderListPage>(
      new ListAttentionQuery(list, scopeFilter(actor, query, 'attention lists'), new Date()),
    );
  }
}
