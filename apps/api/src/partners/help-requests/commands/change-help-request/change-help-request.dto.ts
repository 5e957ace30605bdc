import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { HELP_REQUEST_URGENCIES, type HelpRequestUrgency } from '@oxyledger/domain';
import { OccurredAtDto } from '../../../../ledger/cylinders/commands/change-cylinder/change-cylinder.dto';

export class TriageHelpRequestDto extends OccurredAtDto {
  @ApiProperty({ enum: HELP_REQUEST_URGENCIES })
  @IsIn(HELP_REQUEST_URGENCIES)
  urgency!: HelpRequestUrgency;
}

export class AssignHelpRequestDto extends OccurredAtDto {
  @ApiProperty({ enum: ['person', 'organisation'] })
  @IsIn(['person', 'organisation'])
  kind!: 'person' | 'organisation';

  @ApiProperty({ description: 'The person or organisation in the partner directory.' })
  @IsString()
  @Length(1, 64)
  id!: string;
}

export class ResolveHelpRequestDto extends OccurredAtDto {
  @ApiProperty({ example: 'Replaced the compressor relay; output back to 50 m³/h' })
  @IsString()
  @Length(1, 2000)
  resolution!: string;
}

export class ReopenHelpRequestDto extends OccurredAtDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class CommentOnHelpRequestDto extends OccurredAtDto {
  @ApiProperty() @IsString() @Length(1, 2000) note!: string;
}
