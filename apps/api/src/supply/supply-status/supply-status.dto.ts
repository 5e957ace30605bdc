import { ApiPropertyOptional } from '@nestjs/swagger';
import { SUPPLY_LEVELS, type SupplyLevel } from '@oxyledger/domain';
import { IsIn, IsOptional } from 'class-validator';
import { IsGovernorate } from '../../network/network.decorators';
import { PageQuery } from '../../network/page.dto';

export class HospitalSupplyQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Basra' })
  @IsOptional()
  @IsGovernorate()
  governorate?: string;

  @ApiPropertyOptional({ enum: SUPPLY_LEVELS })
  @IsOptional()
  @IsIn(SUPPLY_LEVELS)
  level?: SupplyLevel;
}

export interface SupplyRollup {
  /** `null` for the nation. */
  governorate: string | null;
  hospitals: number;
  byLevel: Record<SupplyLevel, number>;
  needLitresPerDay: number;
  needCylindersPerDay: number;
  onHandLitres: number;
  /** On hand over need; `null` when nothing is needed. */
  daysOfSupply: number | null;
  /** What the plants there filled per day, over the last 7 days. */
  filledLitresPerDay: number;
  filledCylindersPerDay: number;
  toSendCylinders: number;
}
