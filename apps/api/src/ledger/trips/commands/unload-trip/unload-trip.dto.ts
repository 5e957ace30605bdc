import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { IsSerialList, IsSlugId } from '../../../ledger.validators';

/** Cylinders taken off the truck back at a plant or depot (mostly collected empties). */
export class UnloadTripDto {
  @ApiProperty({ example: 'baghdad-psa-1' })
  @IsSlugId('facilityId')
  facilityId!: string;

  @ApiProperty({ example: ['IQ-BGD-000077'] })
  @IsSerialList({ min: 1, max: 500 })
  serials!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
