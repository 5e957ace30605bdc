import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOmittable, IsSlug, IsVehicleCapacity, QueryBoolean, Trim } from './network.decorators';
import {
  MAX_CYLINDERS_PER_SIZE,
  MAX_PLATE_LENGTH,
  SIZE_CODE_PATTERN,
  SLUG_PATTERN,
  type Vehicle,
  type VehicleCapacity,
} from '@oxyledger/network';
import { PageInfo, PageQuery } from './page.dto';

const CAPACITY_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'integer', minimum: 0, maximum: MAX_CYLINDERS_PER_SIZE },
  example: { J: 60, E: 120 },
  description:
    `Cylinders carried per size code (keys match ${SIZE_CODE_PATTERN.source}); ` +
    'at least one count above 0.',
} as const;

/** `POST /admin/vehicles` */
export class CreateVehicleRequest {
  @ApiProperty({
    pattern: SLUG_PATTERN.source,
    example: 'baghdad-truck-07',
    description: 'Chosen by the admin; cannot be changed.',
  })
  @IsSlug()
  id!: string;

  @ApiProperty({ maxLength: MAX_PLATE_LENGTH, example: 'BGD 12345' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PLATE_LENGTH)
  registrationPlate!: string;

  @ApiProperty({
    pattern: SLUG_PATTERN.source,
    example: 'baghdad-psa-1',
    description: 'The producer or depot it is based at; must exist.',
  })
  @IsSlug()
  depotFacilityId!: string;

  @ApiProperty(CAPACITY_SCHEMA)
  @IsVehicleCapacity()
  capacity!: VehicleCapacity;

  @ApiProperty({ pattern: SLUG_PATTERN.source, example: 'rafidain-oxygen' })
  @IsSlug()
  supplierId!: string;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

/** `PATCH /admin/vehicles/:id`: the fields to change; none may be null. */
export class UpdateVehicleRequest extends PartialType(
  OmitType(CreateVehicleRequest, ['id'] as const),
  { skipNullProperties: false },
) {}

/** `GET /vehicles` */
export class VehicleQuery extends PageQuery {
  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source })
  @IsOptional()
  @IsSlug()
  depotFacilityId?: string;

  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source })
  @IsOptional()
  @IsSlug()
  supplierId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export class VehicleView implements Vehicle {
  @ApiProperty({ example: 'baghdad-truck-07' })
  id!: string;

  @ApiProperty({ example: 'BGD 12345' })
  registrationPlate!: string;

  @ApiProperty({ example: 'baghdad-psa-1' })
  depotFacilityId!: string;

  @ApiProperty(CAPACITY_SCHEMA)
  capacity!: VehicleCapacity;

  @ApiProperty({ example: 'rafidain-oxygen' })
  supplierId!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export class VehiclePage extends PageInfo {
  @ApiProperty({ type: [VehicleView] })
  items!: VehicleView[];
}
