import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, Matches } from 'class-validator';
import { SERIAL_PATTERN } from '../../../cylinders/commands/register-cylinders/register-cylinders.dto';

export class CompleteTripDto {
  @ApiPropertyOptional({
    example: [],
    description: 'On board but not found at the end of the trip: they are reported lost',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(SERIAL_PATTERN, { each: true, message: 'each serial must be as printed on a cylinder' })
  missingSerials?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
