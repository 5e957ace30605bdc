import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../access/access.decorators';
import { AccessCheck } from '../access/sessions/access-check';
import {
  CreateFacilityRequest,
  FacilityPage,
  FacilityQuery,
  FacilityView,
  UpdateFacilityRequest,
} from './facility.dto';
import { NetworkService } from '@oxyledger/network';

/** Facilities: any logged-in user reads them; admins create and change them. */
@ApiTags('network')
@ApiBearerAuth()
@Controller()
export class FacilitiesController {
  constructor(
    private readonly network: NetworkService,
    private readonly accessCheck: AccessCheck,
  ) {}

  @Get('facilities')
  @ApiOkResponse({ type: FacilityPage, description: 'Ordered by id.' })
  list(@Query() query: FacilityQuery): Promise<FacilityPage> {
    return this.network.listFacilities(query);
  }

  @Get('facilities/:id')
  @ApiOkResponse({ type: FacilityView })
  @ApiNotFoundResponse({ description: 'No facility has this id.' })
  get(@Param('id') id: string): Promise<FacilityView> {
    return this.network.getFacility(id);
  }

  @Post('admin/facilities')
  @Roles('admin')
  @ApiCreatedResponse({ type: FacilityView })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; each is named with its rule.' })
  @ApiConflictResponse({ description: 'A facility with this id exists.' })
  create(@Body() body: CreateFacilityRequest): Promise<FacilityView> {
    return this.network.createFacility(body);
  }

  @Patch('admin/facilities/:id')
  @Roles('admin')
  @ApiOkResponse({ type: FacilityView })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; each is named with its rule.' })
  @ApiNotFoundResponse({ description: 'No facility has this id.' })
  @ApiConflictResponse({ description: 'Becoming a hospital while vehicles are based here.' })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateFacilityRequest,
  ): Promise<FacilityView> {
    const updated = await this.network.updateFacility(id, body);
    // a producer's read scope holds their plant's supplier: re-read it on the next request
    if (body.supplierId !== undefined) await this.accessCheck.changed({ everyone: true });
    return updated;
  }
}
