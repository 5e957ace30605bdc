import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FACILITY_KINDS } from '@oxyledger/domain';
import { STOCK_STATUSES } from '@oxyledger/read-models';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { IsSlugId } from '../../ledger/ledger.validators';
import { IsGovernorate } from '../../network/network.decorators';
import { PageInfo, PageQuery } from '../../network/page.dto';
import { StockSummary } from './stock-summary';

const SIZE_CODE = /^[A-Za-z0-9][A-Za-z0-9\-_.]{0,15}$/;

/** Filters shared by the stock lists. */
export class StockFilterQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only cylinders of this owner (supplier id).' })
  @IsOptional()
  @IsSlugId('ownerId')
  ownerId?: string;

  @ApiPropertyOptional({ example: 'J' })
  @IsOptional()
  @Matches(SIZE_CODE, { message: 'sizeCode must be a cylinder size code such as J' })
  sizeCode?: string;

  @ApiPropertyOptional({ enum: STOCK_STATUSES })
  @IsOptional()
  @IsIn(STOCK_STATUSES)
  status?: (typeof STOCK_STATUSES)[number];
}

export class FacilityStockQuery extends StockFilterQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsSlugId('facilityId')
  facilityId?: string;

  @ApiPropertyOptional({ enum: FACILITY_KINDS })
  @IsOptional()
  @IsIn(FACILITY_KINDS)
  kind?: (typeof FACILITY_KINDS)[number];

  @ApiPropertyOptional({ example: 'Basra' })
  @IsOptional()
  @IsGovernorate()
  governorate?: string;
}

export class GovernorateStockQuery extends StockFilterQuery {
  @ApiPropertyOptional({ example: 'Basra' })
  @IsOptional()
  @IsGovernorate()
  governorate?: string;
}

export class StockAtQuery extends StockFilterQuery {
  @ApiPropertyOptional({
    description: 'An instant in the past (ISO 8601): the stock then, recomputed from the ledger.',
    example: '2026-11-20T08:00:00Z',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'at must be an ISO 8601 instant, e.g. 2026-11-20T08:00:00Z' },
  )
  at?: string;
}

export class FacilityStockView extends StockSummary {
  @ApiProperty()
  facilityId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: FACILITY_KINDS })
  kind!: string;

  @ApiProperty()
  governorate!: string;

  @ApiPropertyOptional({ description: 'Present when asked for a past instant.' })
  at?: string;

  @ApiProperty({
    enum: ['read-model', 'stock-movements'],
    description:
      'Where the figures come from: current stock, or the sum of the stock movements up to `at`.',
  })
  source!: 'read-model' | 'stock-movements';
}

export class FacilityStockPage extends PageInfo {
  @ApiProperty({ type: [FacilityStockView] })
  items!: FacilityStockView[];
}

export class GovernorateStockView extends StockSummary {
  @ApiProperty()
  governorate!: string;

  @ApiProperty({ description: 'Facilities in the governorate.' })
  facilities!: number;
}

export class GovernorateStockList {
  @ApiProperty({ type: [GovernorateStockView] })
  items!: GovernorateStockView[];
}

export class NationalStockView extends StockSummary {
  @ApiProperty({ type: StockSummary, description: 'Part of the national stock on trucks.' })
  inTransit!: StockSummary;

  @ApiProperty({ type: [GovernorateStockView] })
  byGovernorate!: GovernorateStockView[];
}

export class FloatLocation {
  @ApiProperty({ enum: ['own-plant', 'hospital', 'truck', 'other'] })
  category!: 'own-plant' | 'hospital' | 'truck' | 'other';

  @ApiProperty({ enum: ['facility', 'trip'] })
  locationKind!: 'facility' | 'trip';

  @ApiProperty({ description: 'Facility id or trip id.' })
  locationId!: string;

  @ApiPropertyOptional()
  name?: string;

  @ApiPropertyOptional()
  governorate?: string;

  @ApiProperty()
  cylinders!: number;

  @ApiProperty()
  oxygenLitres!: number;

  @ApiProperty()
  byStatus!: Record<string, number>;

  @ApiProperty({ description: 'Average days the cylinders have been at this location.' })
  averageDaysHere!: number;

  @ApiProperty({ description: 'Days the longest-held cylinder has been here.' })
  longestDaysHere!: number;
}

export class SupplierFloatView {
  @ApiProperty()
  ownerId!: string;

  @ApiProperty()
  cylinders!: number;

  @ApiProperty({ example: { 'own-plant': 120, hospital: 300, truck: 40, other: 0 } })
  byCategory!: Record<FloatLocation['category'], number>;

  @ApiProperty({ type: [FloatLocation], description: 'Most cylinders first.' })
  locations!: FloatLocation[];
}
