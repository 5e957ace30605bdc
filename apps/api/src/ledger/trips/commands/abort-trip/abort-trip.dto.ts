import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { IsSerialList, IsSlugId } from '../../../ledger.validators';

export class AbortTripDto {
  @ApiProperty({ example: 'Road to Basra closed by flooding' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({
    example: 'basra-asu-1',
    description:
      "Where what is on board is unloaded: a plant of the trip's supplier (default its origin)",
  })
  @IsOptional()
  @IsSlugId('returnToFacilityId')
  returnToFacilityId?: string;

  @ApiPropertyOptional({ example: [], description: 'On board but not found: reported lost' })
  @IsOptional()
  @IsSerialList({ max: 500 })
  missingSerials?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
