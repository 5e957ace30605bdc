import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { PLANT_STATUSES, type PlantStatus } from '@oxyledger/domain';
import { OccurredAtDto } from '../../../ledger/cylinders/commands/change-cylinder/change-cylinder.dto';

export class SetPlantCapacityDto extends OccurredAtDto {
  @ApiProperty({ example: 50, description: 'Oxygen output, m³ per hour.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(100_000)
  outputCubicMetresPerHour!: number;

  @ApiProperty({ example: 20, description: 'Operating hours a day.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(24)
  hoursPerDay!: number;

  @ApiPropertyOptional({
    example: { J: 120, E: 600 },
    description: 'Most cylinders of a size the filling line fills a day (booster, manifolds).',
  })
  @IsOptional()
  @IsObject()
  fillLimitsPerDay?: Record<string, number>;
}

export class ChangePlantStatusDto extends OccurredAtDto {
  @ApiProperty({ enum: PLANT_STATUSES })
  @IsIn(PLANT_STATUSES)
  status!: PlantStatus;

  @ApiPropertyOptional({ example: 'Power cut', description: 'Required unless running.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 99, description: 'Capacity left while degraded.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  capacityPercent?: number;
}
