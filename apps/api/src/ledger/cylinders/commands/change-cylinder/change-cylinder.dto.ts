import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { IsSlugId } from '../../../ledger.validators';

/** When it happened on the device; every cylinder command accepts it. */
export class OccurredAtDto {
  @ApiPropertyOptional({ description: 'When it happened on the device (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}

export class RecordTestDto extends OccurredAtDto {
  @ApiProperty({ enum: ['passed', 'failed'] })
  @IsIn(['passed', 'failed'])
  result!: 'passed' | 'failed';

  @ApiProperty({ example: '2026-11-20' })
  @IsISO8601({ strict: true }, { message: 'testedOn must be a date (YYYY-MM-DD)' })
  testedOn!: string;

  @ApiProperty({ example: 'Baghdad test station 2' })
  @IsString()
  @Length(1, 120)
  testedBy!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 500)
  notes?: string;
}

export class ReasonDto extends OccurredAtDto {
  @ApiProperty({ example: 'Valve damaged' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class OptionalReasonDto extends OccurredAtDto {
  @ApiPropertyOptional({ example: 'Not returned by the ward' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class ReleaseDto extends OccurredAtDto {
  @ApiPropertyOptional({ enum: ['EMPTY'], description: 'Release as empty (e.g. vented)' })
  @IsOptional()
  @IsIn(['EMPTY'])
  releaseAs?: 'EMPTY';
}

export class FoundDto extends OccurredAtDto {
  @ApiProperty({ example: 'basra-general' })
  @IsSlugId('facilityId')
  facilityId!: string;

  @ApiPropertyOptional({ enum: ['EMPTY', 'FULL'] })
  @IsOptional()
  @IsIn(['EMPTY', 'FULL'])
  foundAs?: 'EMPTY' | 'FULL';
}
