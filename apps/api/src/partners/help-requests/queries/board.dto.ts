import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import {
  HELP_REQUEST_CATEGORIES,
  HELP_REQUEST_STATES,
  HELP_REQUEST_URGENCIES,
} from '@oxyledger/domain';
import { GOVERNORATES } from '@oxyledger/network';
import { PageQuery } from '../../../network/page.dto';

export class BoardQuery extends PageQuery {
  @ApiPropertyOptional({ enum: HELP_REQUEST_STATES })
  @IsOptional()
  @IsIn(HELP_REQUEST_STATES)
  status?: string;

  @ApiPropertyOptional({ enum: HELP_REQUEST_URGENCIES })
  @IsOptional()
  @IsIn(HELP_REQUEST_URGENCIES)
  urgency?: string;

  @ApiPropertyOptional({ enum: HELP_REQUEST_CATEGORIES })
  @IsOptional()
  @IsIn(HELP_REQUEST_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ enum: GOVERNORATES })
  @IsOptional()
  @IsIn(GOVERNORATES)
  governorate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 128)
  facilityId?: string;

  @ApiPropertyOptional({ description: 'A person or organisation id of the directory.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  assigneeId?: string;
}

export class StatsQuery {
  @ApiPropertyOptional({ description: 'Requests opened at or after (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Requests opened before (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
