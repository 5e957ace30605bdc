import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class CancelTripDto {
  @ApiProperty({ example: 'Driver off sick; the plan is re-run' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
