import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CylinderListQuery } from '../cylinders/cylinder-list.dto';

export const ATTENTION_LISTS = ['tests-due', 'idle-at-hospitals', 'in-transit', 'lost'] as const;
export type AttentionList = (typeof ATTENTION_LISTS)[number];

export const ATTENTION_DEFAULTS = { withinDays: 30, days: 7, hours: 12 } as const;

export class AttentionQuery extends CylinderListQuery {
  @ApiPropertyOptional({
    default: ATTENTION_DEFAULTS.withinDays,
    description: 'tests-due: tests overdue or due within this many days.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  withinDays?: number;

  @ApiPropertyOptional({
    default: ATTENTION_DEFAULTS.days,
    description: 'idle-at-hospitals: at the hospital, full or empty, longer than this many days.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  days?: number;

  @ApiPropertyOptional({
    default: ATTENTION_DEFAULTS.hours,
    description: 'in-transit: on a truck longer than this many hours.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  hours?: number;
}
