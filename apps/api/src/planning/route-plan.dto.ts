import { PLANNING_REGIONS } from '@oxyledger/network';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import { MAX_PAGE } from '@oxyledger/network';

export class RoutePlanListQuery {
  @ApiPropertyOptional({ enum: ['proposed', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['proposed', 'approved', 'rejected'])
  status?: string;

  @ApiPropertyOptional({ example: 'national' })
  @IsOptional()
  @IsString()
  @IsIn(PLANNING_REGIONS, {
    message: `region must be ${PLANNING_REGIONS.join(', ')}`,
  })
  region?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class RejectRoutePlanDto {
  @ApiProperty({ example: 'Bridge on the Basra road closed tonight' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class EditRoutePlanDto {
  @ApiProperty({ enum: ['move-stop', 'drop-stop'] })
  @IsIn(['move-stop', 'drop-stop'])
  kind!: 'move-stop' | 'drop-stop';

  @ApiProperty({ example: 'basra-general' })
  @IsString()
  @Length(1, 100)
  facilityId!: string;

  @ApiPropertyOptional({ description: 'drop-stop: the route the stop is on.' })
  @ValidateIf((edit: EditRoutePlanDto) => edit.kind === 'drop-stop')
  @IsString()
  routeId?: string;

  @ApiPropertyOptional({ description: 'move-stop: the route the stop is on.' })
  @ValidateIf((edit: EditRoutePlanDto) => edit.kind === 'move-stop')
  @IsString()
  fromRouteId?: string;

  @ApiPropertyOptional({ description: 'move-stop: the route it goes to (may be the same).' })
  @ValidateIf((edit: EditRoutePlanDto) => edit.kind === 'move-stop')
  @IsString()
  toRouteId?: string;

  @ApiPropertyOptional({ description: 'move-stop: its place on that route, 0 = first.' })
  @ValidateIf((edit: EditRoutePlanDto) => edit.kind === 'move-stop')
  @IsInt()
  @Min(0)
  position?: number;
}
