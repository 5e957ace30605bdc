import { PLANNING_REGIONS } from '@oxyledger/network';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { NATIONAL_REGION } from '@oxyledger/planner';

export const MAX_RUNS_LISTED = 100;

export class RequestPlanningRunDto {
  @ApiPropertyOptional({ example: NATIONAL_REGION, default: NATIONAL_REGION })
  @IsOptional()
  @IsString()
  @IsIn(PLANNING_REGIONS, {
    message: `region must be ${PLANNING_REGIONS.join(', ')}`,
  })
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
