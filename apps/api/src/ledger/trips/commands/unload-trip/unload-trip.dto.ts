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

/** Cylinders taken off the truck back at a plant or depot (mostly collected empties). */
export class UnloadTripDto {
  @ApiProperty({ example: 'baghdad-psa-1' })
  @Matches(/^[a-z0-9-]{3,64}$/, { message: 'facilityId must be a facility id' })
  facilityId!: string;

  @ApiProperty({ example: ['IQ-BGD-000077'] })
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
