import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { SERIAL_PATTERN } from '../register-cylinders/register-cylinders.dto';

/** One manifold batch: every cylinder is filled, or none is. */
export class FillCylindersDto {
  @ApiProperty({ example: 'baghdad-psa-1', description: "The plant; a producer's own" })
  @Matches(/^[a-z0-9-]{3,64}$/, { message: 'plantId must be a facility id' })
  plantId!: string;

  @ApiProperty({ example: ['IQ-BGD-000123', 'IQ-BGD-000124'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(SERIAL_PATTERN, { each: true, message: 'each serial must be as printed on a cylinder' })
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

  @ApiProperty({ example: 99.5, description: 'Oxygen purity, %' })
  @IsNumber()
  @Min(0)
  @Max(100)
  purityPercent!: number;

  @ApiProperty({ example: 137, description: 'Fill pressure, bar' })
  @IsNumber()
  @Min(1)
  @Max(400)
  pressureBar!: number;

  @ApiProperty({ example: 'operator-7', description: 'Who ran the manifold' })
  @IsString()
  @Length(1, 64)
  operatorId!: string;

  @ApiPropertyOptional({ description: 'When it happened on the device (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
