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
import { NetworkService } from '@oxyledger/network';
import {
  CreateVehicleRequest,
  UpdateVehicleRequest,
  VehiclePage,
  VehicleQuery,
  VehicleView,
} from './vehicle.dto';

/** Vehicles: any logged-in user reads them; admins create and change them. */
@ApiTags('network')
@ApiBearerAuth()
@Controller()
export class VehiclesController {
  constructor(private readonly network: NetworkService) {}

  @Get('vehicles')
  @ApiOkResponse({ type: VehiclePage, description: 'Ordered by id.' })
  list(@Query() query: VehicleQuery): Promise<VehiclePage> {
    return this.network.listVehicles(query);
  }

  @Get('vehicles/:id')
  @ApiOkResponse({ type: VehicleView })
  @ApiNotFoundResponse({ description: 'No vehicle has this id.' })
  get(@Param('id') id: string): Promise<VehicleView> {
    return this.network.getVehicle(id);
  }

  @Post('admin/vehicles')
  @Roles('admin')
  @ApiCreatedResponse({ type: VehicleView })
  @ApiBadRequestResponse({
    description: 'A field breaks a rule, or the depot is unknown or a hospital.',
  })
  @ApiConflictResponse({ description: 'A vehicle with this id exists.' })
  create(@Body() body: CreateVehicleRequest): Promise<VehicleView> {
    return this.network.createVehicle(body);
  }

  @Patch('admin/vehicles/:id')
  @Roles('admin')
  @ApiOkResponse({ type: VehicleView })
  @ApiBadRequestResponse({
    description: 'A field breaks a rule, or the new depot is unknown or a hospital.',
  })
  @ApiNotFoundResponse({ description: 'No vehicle has this id.' })
  update(@Param('id') id: string, @Body() body: UpdateVehicleRequest): Promise<VehicleView> {
    return this.network.updateVehicle(id, body);
  }
}
