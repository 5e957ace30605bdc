import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class RecallLotDto {
  @ApiProperty({ example: 'Retained sample failed moisture test (67 ppm, limit 67)' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({ description: 'When it was decided (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
