import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { IsSerialList } from '../../../ledger.validators';

export class CompleteTripDto {
  @ApiPropertyOptional({
    example: [],
    description: 'On board but not found at the end of the trip: they are reported lost',
  })
  @IsOptional()
  @IsSerialList({ max: 500 })
  missingSerials?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
