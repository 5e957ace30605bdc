import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../../access';
import type { Actor } from '../../access/actor';
import { ForbiddenActionError } from '../../access/authorization';
import { NetworkService } from '@oxyledger/network';
import { refuseScope, scopeFilter, supplyScopeOf } from '../supply-scope';
import { GetFacilityStockQuery } from './queries/get-facility-stock/get-facility-stock.query';
import { GetNationalStockQuery } from './queries/get-national-stock/get-national-stock.query';
import { GetSupplierFloatQuery } from './queries/get-supplier-float/get-supplier-float.query';
import { ListFacilityStockQuery } from './queries/list-facility-stock/list-facility-stock.query';
import { ListGovernorateStockQuery } from './queries/list-governorate-stock/list-governorate-stock.query';
import {
  FacilityStockPage,
  FacilityStockQuery,
  FacilityStockView,
  GovernorateStockList,
  GovernorateStockQuery,
  NationalStockView,
  StockAtQuery,
  StockFilterQuery,
  SupplierFloatView,
} from './stock.dto';

/** The supply picture: stock per facility, governorate and country, and each supplier's float. */
@ApiTags('stock')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Outside the reader’s facility or supplier.' })
@ApiBadRequestResponse({ description: 'A filter breaks a rule; each is named with its rule.' })
@Controller()
export class StockHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly network: NetworkService,
  ) {}

  @Get('stock/facilities')
  @ApiOkResponse({ type: FacilityStockPage, description: 'By governorate, then name.' })
  listFacilities(
    @Query() query: FacilityStockQuery,
    @CurrentActor() actor: Actor,
  ): Promise<FacilityStockPage> {
    return this.queries.execute(
      new ListFacilityStockQuery(scopeFilter(actor, query, 'facility stock')),
    );
  }

  @Get('facilities/:id/stock')
  @ApiOkResponse({ type: FacilityStockView })
  @ApiNotFoundResponse({ description: 'No facility has this id.' })
  facility(
    @Param('id') id: string,
    @Query() query: StockAtQuery,
    @CurrentActor() actor: Actor,
  ): Promise<FacilityStockView> {
    const { at, ...filter } = scopeFilter(actor, { ...query, facilityId: id }, 'facility stock');
    return this.queries.execute(new GetFacilityStockQuery(id, filter, at));
  }

  @Get('stock/governorates')
  @ApiOkResponse({ type: GovernorateStockList, description: 'Every governorate, empty ones too.' })
  governorates(
    @Query() query: GovernorateStockQuery,
    @CurrentActor() actor: Actor,
  ): Promise<GovernorateStockList> {
    return this.queries.execute(
      new ListGovernorateStockQuery(this.wideFilter(actor, query, 'stock per governorate')),
    );
  }

  @Get('stock/national')
  @ApiOkResponse({ type: NationalStockView })
  national(
    @Query() query: StockFilterQuery,
    @CurrentActor() actor: Actor,
  ): Promise<NationalStockView> {
    return this.queries.execute(
      new GetNationalStockQuery(this.wideFilter(actor, query, 'national stock')),
    );
  }

  @Get('suppliers/:ownerId/float')
  @ApiOkResponse({ type: SupplierFloatView })
  async float(
    @Param('ownerId') ownerId: string,
    @CurrentActor() actor: Actor,
  ): Promise<SupplierFloatView> {
    await this.assertMayReadFloat(actor, ownerId);
    return this.queries.execute(new GetSupplierFloatQuery(ownerId));
  }

  /** Stock beyond one facility: national readers, or a supplier for its own cylinders. */
  private wideFilter<F extends StockFilterQuery>(actor: Actor, filter: F, what: string): F {
    const scope = supplyScopeOf(actor);
    if (scope.kind === 'facility' || scope.kind === 'driver') refuseScope(actor, what);
    return scopeFilter(actor, filter, what);
  }

  /** The supplier's dispatchers and producers at its plants, and national readers. */
  private async assertMayReadFloat(actor: Actor, ownerId: string): Promise<void> {
    const scope = supplyScopeOf(actor);
    if (scope.kind === 'national') return;
    if (scope.kind === 'owner' && scope.ownerId === ownerId) return;
    if (scope.kind === 'facility' && actor.role === 'producer') {
      const plant = await this.network.findFacility(scope.facilityId);
      if (plant?.supplierId === ownerId) return;
    }
    throw new ForbiddenActionError(
      'access.supplier-scope',
      `Role ${actor.role} may not read the float of supplier ${ownerId}: only its dispatchers, ` +
        'producers at its plants and national readers may',
    );
  }
}
