import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { IsSlugId } from '../../ledger/ledger.validators';
import { PageInfo, PageQuery } from '../../network/page.dto';

const DAY = { strict: true };

export class DailyFillsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The producer plant.' })
  @IsOptional()
  @IsSlugId('plantId')
  plantId?: string;

  @ApiPropertyOptional({ description: 'Plants of this supplier.' })
  @IsOptional()
  @IsSlugId('ownerId')
  ownerId?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'First UTC day, inclusive.' })
  @IsOptional()
  @IsISO8601(DAY, { message: 'from must be a day such as 2026-11-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last UTC day, inclusive.' })
  @IsOptional()
  @IsISO8601(DAY, { message: 'to must be a day such as 2026-11-30' })
  to?: string;

  @ApiPropertyOptional({ example: 'J' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9\-_.]{0,15}$/, {
    message: 'sizeCode must be a cylinder size code such as J',
  })
  sizeCode?: string;
}

export class DailyFillView {
  @ApiProperty() plantId!: string;
  @ApiProperty({ example: '2026-11-20' }) day!: string;
  @ApiProperty() sizeCode!: string;
  @ApiProperty() cylinders!: number;
  @ApiProperty() oxygenLitres!: number;
}

export class DailyFillsPage extends PageInfo {
  @ApiProperty({ type: [DailyFillView], description: 'Latest day first.' })
  items!: DailyFillView[];

  @ApiProperty({ description: 'Over all pages.' })
  totalCylinders!: number;

  @ApiProperty({ description: 'Over all pages.' })
  totalOxygenLitres!: number;
}
