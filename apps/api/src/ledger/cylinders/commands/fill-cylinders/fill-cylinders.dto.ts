import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsSerialList, IsSlugId } from '../../../ledger.validators';

/** One manifold batch: every cylinder is filled, or none is. */
export class FillCylindersDto {
  @ApiProperty({ example: 'baghdad-psa-1', description: "The plant; a producer's own" })
  @IsSlugId('plantId')
  plantId!: string;

  @ApiProperty({ example: ['IQ-BGD-000123', 'IQ-BGD-000124'] })
  @IsSerialList({ min: 1, max: 200 })
  serials!: string[];

  @ApiPropertyOptional({ example: 'manifold-2' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  manifoldId?: string;

  @ApiProperty({ example: 'LOT-2026-11-26-A' })
  @IsString()
  @Length(1, 64)
  lot!: string;

  @ApiProperty({
    example: 93.4,
    description:
      "Measured O₂ purity, %: within the cylinder's gas grade band (oxygen-93: 90–96; oxygen-99.5: ≥ 99.5)",
  })
  @IsNumber()
  @Min(0)
  @Max(100)
  purityPercent!: number;

  @ApiProperty({
    example: 137,
    description: "Measured fill pressure, bar: within the size's band (120–150 for 137-bar sizes)",
  })
  @IsNumber()
  @Min(1)
  @Max(400)
  pressureBar!: number;

  @ApiProperty({ example: 'operator-7', description: 'Who ran the manifold' })
  @IsString()
  @Length(1, 64)
  operatorId!: string;

  @ApiPropertyOptional({
    enum: ['passed', 'failed'],
    description:
      'failed: the QC check failed; the cylinders are quarantined with the reading kept (default passed)',
  })
  @IsOptional()
  @IsIn(['passed', 'failed'])
  qcResult?: 'passed' | 'failed';

  @ApiPropertyOptional({ description: 'When it happened on the device (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
