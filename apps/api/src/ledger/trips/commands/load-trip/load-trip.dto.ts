import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { IsSerialList } from '../../../ledger.validators';

/** Serials scanned onto the truck at the trip's origin. */
export class LoadTripDto {
  @ApiProperty({ example: ['IQ-BGD-000123'] })
  @IsSerialList({ min: 1, max: 500 })
  serials!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
