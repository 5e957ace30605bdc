import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SCAN_CONFLICT_RESOLUTIONS, type ScanConflictResolution } from '@oxyledger/domain';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../../network/page.dto';

export class ScanConflictListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved', 'all'])
  status?: 'open' | 'resolved' | 'all';

  @ApiPropertyOptional({ description: 'The conflicts of this trip only.' })
  @IsOptional()
  @IsUUID('all', { message: 'tripId must be a trip id (a UUID)' })
  tripId?: string;
}

export class ResolveScanConflictDto {
  @ApiProperty({
    enum: SCAN_CONFLICT_RESOLUTIONS,
    description:
      'corrected: the ledger was put right with compensating movements; dismissed: the report was wrong.',
  })
  @IsIn(SCAN_CONFLICT_RESOLUTIONS)
  resolution!: ScanConflictResolution;

  @ApiProperty({ example: 'Cylinder found at the hospital; recorded as found there' })
  @IsString()
  @Length(1, 500)
  note!: string;
}
