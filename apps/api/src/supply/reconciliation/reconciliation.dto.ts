import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { IsSlugId } from '../../ledger/ledger.validators';
import { PageQuery } from '../../network/page.dto';

export class FlaggedTripsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Trips completed at or after (ISO 8601); default 30 days ago.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 instant' })
  from?: string;

  @ApiPropertyOptional({ description: 'Trips completed before (ISO 8601); default now.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 instant' })
  to?: string;
}

export const DEFAULT_FREE_DAYS = 30;

export class DemurrageQuery extends PageQuery {
  @ApiPropertyOptional({
    default: DEFAULT_FREE_DAYS,
    description: 'Days a hospital may hold a cylinder before it counts.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  freeDays?: number;

  @ApiPropertyOptional({ description: 'Cylinders of this supplier only.' })
  @IsOptional()
  @IsSlugId('ownerId')
  ownerId?: string;

  @ApiPropertyOptional({ description: 'This hospital only.' })
  @IsOptional()
  @IsSlugId('facilityId')
  facilityId?: string;
}
