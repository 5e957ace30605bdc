import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import {
  HELP_REQUEST_CATEGORIES,
  HELP_REQUEST_URGENCIES,
  type HelpRequestCategory,
  type HelpRequestUrgency,
  MAX_HELP_REQUEST_PHOTOS,
} from '@oxyledger/domain';
import { OccurredAtDto } from '../../../../ledger/cylinders/commands/change-cylinder/change-cylinder.dto';

export class OpenHelpRequestDto extends OccurredAtDto {
  @ApiProperty({ enum: HELP_REQUEST_CATEGORIES })
  @IsIn(HELP_REQUEST_CATEGORIES)
  category!: HelpRequestCategory;

  @ApiProperty({ enum: HELP_REQUEST_URGENCIES })
  @IsIn(HELP_REQUEST_URGENCIES)
  urgency!: HelpRequestUrgency;

  @ApiProperty({ description: 'The hospital or plant that needs help.' })
  @IsString()
  @Length(1, 128)
  facilityId!: string;

  @ApiProperty({ example: 'PSA plant down: compressor tripped' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 5000)
  description!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'SHA-256 of photos uploaded first to PUT /help-requests/photos/{sha256}.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_HELP_REQUEST_PHOTOS)
  @Matches(/^[0-9a-f]{64}$/, { each: true })
  photos?: string[];
}
