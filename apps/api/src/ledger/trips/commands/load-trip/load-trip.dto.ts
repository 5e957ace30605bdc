import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsOptional,
  Matches,
} from 'class-validator';
import { SERIAL_PATTERN } from '../../../cylinders/commands/register-cylinders/register-cylinders.dto';

/** Serials scanned onto the truck at the trip's origin. */
export class LoadTripDto {
  @ApiProperty({ example: ['IQ-BGD-000123'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(SERIAL_PATTERN, { each: true, message: 'each serial must be as printed on a cylinder' })
  serials!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
