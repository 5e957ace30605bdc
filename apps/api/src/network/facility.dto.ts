import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  GOVERNORATES,
  CLOCK_TIME_PATTERN,
  MAX_NAME_LENGTH,
  SLUG_PATTERN,
  FACILITY_KINDS,
  type Facility,
  type FacilityKind,
} from '@oxyledger/network';
import {
  IsGovernorate,
  IsOmittable,
  IsReceivingHours,
  IsSlug,
  QueryBoolean,
  Trim,
} from './network.decorators';
import { PageInfo, PageQuery } from './page.dto';

export class ReceivingHoursDto {
  @ApiProperty({ pattern: CLOCK_TIME_PATTERN.source, example: '08:00' })
  opens!: string;

  @ApiProperty({
    pattern: CLOCK_TIME_PATTERN.source,
    example: '16:00',
    description: 'After `opens`.',
  })
  closes!: string;
}

const NUMBER = { allowNaN: false, allowInfinity: false };

/** `POST /admin/facilities` */
export class CreateFacilityRequest {
  @ApiProperty({
    pattern: SLUG_PATTERN.source,
    example: 'basra-general',
    description: 'Chosen by the admin; cannot be changed.',
  })
  @IsSlug()
  id!: string;

  @ApiProperty({ enum: FACILITY_KINDS })
  @IsIn(FACILITY_KINDS)
  kind!: FacilityKind;

  @ApiProperty({ maxLength: MAX_NAME_LENGTH, example: 'Basra General Hospital' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_NAME_LENGTH)
  name!: string;

  @ApiProperty({ enum: GOVERNORATES, example: 'Basra' })
  @IsGovernorate()
  governorate!: string;

  @ApiProperty({ minimum: -90, maximum: 90, example: 30.5085 })
  @IsNumber(NUMBER)
  @Min(-90)
  @Max(90)
  latitude!: number;

  @ApiProperty({ minimum: -180, maximum: 180, example: 47.7804 })
  @IsNumber(NUMBER)
  @Min(-180)
  @Max(180)
  longitude!: number;

  @ApiPropertyOptional({
    type: ReceivingHoursDto,
    nullable: true,
    description: 'Daily window for deliveries, local time; omitted or null: any time.',
  })
  @IsOptional()
  @IsReceivingHours()
  receivingHours?: ReceivingHoursDto | null;

  @ApiPropertyOptional({
    type: String,
    pattern: SLUG_PATTERN.source,
    nullable: true,
    example: 'gulf-medical-gases',
    description: 'The owning supplier: required for producers and depots, null for hospitals.',
  })
  @IsOptional()
  @IsSlug()
  supplierId?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

/**
 * `PATCH /admin/facilities/:id`: the fields to change. `receivingHours` and `supplierId` may be
 * null (cleared); the others may be omitted but not null.
 */
export class UpdateFacilityRequest extends PartialType(
  OmitType(CreateFacilityRequest, ['id'] as const),
  { skipNullProperties: false },
) {}

/** `GET /facilities` */
export class FacilityQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FACILITY_KINDS })
  @IsOptional()
  @IsIn(FACILITY_KINDS)
  kind?: FacilityKind;

  @ApiPropertyOptional({ enum: GOVERNORATES })
  @IsOptional()
  @IsGovernorate()
  governorate?: string;

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

export class FacilityView implements Facility {
  @ApiProperty({ example: 'basra-general' })
  id!: string;

  @ApiProperty({ enum: FACILITY_KINDS })
  kind!: FacilityKind;

  @ApiProperty({ example: 'Basra General Hospital' })
  name!: string;

  @ApiProperty({ enum: GOVERNORATES })
  governorate!: string;

  @ApiProperty({ example: 30.5085 })
  latitude!: number;

  @ApiProperty({ example: 47.7804 })
  longitude!: number;

  @ApiProperty({ type: ReceivingHoursDto, nullable: true })
  receivingHours!: ReceivingHoursDto | null;

  @ApiProperty({ type: String, nullable: true })
  supplierId!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export class FacilityPage extends PageInfo {
  @ApiProperty({ type: [FacilityView] })
  items!: FacilityView[];
}
