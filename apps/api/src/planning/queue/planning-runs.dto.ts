import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { NATIONAL_REGION } from '@oxyledger/planner';

export const MAX_RUNS_LISTED = 100;

export class RequestPlanningRunDto {
  @ApiPropertyOptional({ example: NATIONAL_REGION, default: NATIONAL_REGION })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;
}

/** `?limit=` of the run lists: the newest runs, at most 100. */
export class PlanningRunsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_RUNS_LISTED, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_RUNS_LISTED)
  limit?: number;
}
