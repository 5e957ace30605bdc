import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentActor } from '../../access';
import type { Actor } from '../../access/actor';
import { ForbiddenActionError } from '../../access/authorization';
import { refuseScope, supplyScopeOf } from '../supply-scope';
import { GetHospitalSupplyQuery } from './queries/get-hospital-supply/get-hospital-supply.query';
import { GetSupplyRollupQuery } from './queries/get-supply-rollup/get-supply-rollup.query';
import { ListHospitalSupplyQuery } from './queries/list-hospital-supply/list-hospital-supply.query';
import { HospitalSupplyQuery } from './supply-status.dto';

/**
 * Supply status: for each hospital its need per day, oxygen on hand, days of supply, level and
 * what to send; and need against supply per governorate and for the nation. Hospital staff see
 * their own hospital; drivers none; everyone else all of them.
 */
@ApiTags('supply')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Another hospital’s status, or a driver.' })
@Controller()
export class SupplyStatusHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('hospitals/:facilityId/supply')
  @ApiOkResponse({ description: 'The hospital’s supply status now.' })
  @ApiNotFoundResponse({ description: 'No facility has this id.' })
  @ApiUnprocessableEntityResponse({ description: 'The facility is not a hospital.' })
  hospital(@Param('facilityId') facilityId: string, @CurrentActor() actor: Actor) {
    const own = this.ownHospital(actor);
    if (own !== undefined && own !== facilityId) {
      throw new ForbiddenActionError(
        'access.facility-scope',
        `A hospital user may read the supply status of their own hospital (${own}) only`,
      );
    }
    return this.queries.execute(new GetHospitalSupplyQuery(facilityId, new Date()));
  }

  @Get('supply/hospitals')
  @ApiOkResponse({
    description: 'Most at risk first: out, critical, low, ok; then days of supply.',
  })
  @ApiBadRequestResponse({ description: 'A filter breaks a rule; each is named with its rule.' })
  hospitals(@Query() query: HospitalSupplyQuery, @CurrentActor() actor: Actor) {
    return this.queries.execute(
      new ListHospitalSupplyQuery(query, this.ownHospital(actor), new Date()),
    );
  }

  @Get('supply/rollup')
  @ApiOkResponse({ description: 'Need against supply for the nation and each governorate.' })
  rollup(@CurrentActor() actor: Actor) {
    if (this.ownHospital(actor) !== undefined) refuseScope(actor, 'national supply figures');
    return this.queries.execute(new GetSupplyRollupQuery(new Date()));
  }

  private ownHospital(actor: Actor): string | undefined {
    const scope = supplyScopeOf(actor);
    if (scope.kind === 'driver') refuseScope(actor, 'supply status');
    return actor.role === 'hospital' && scope.kind === 'facility' ? scope.facilityId : undefined;
  }
}
