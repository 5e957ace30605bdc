import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CYLINDER_STATUSES, type CylinderStatus } from '@oxyledger/domain';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsSlugId } from '../../ledger/ledger.validators';
import { IsGovernorate } from '../../network/network.decorators';
import { PageInfo, PageQuery } from '../../network/page.dto';

export class CylinderListQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsSlugId('facilityId')
  facilityId?: string;

  @ApiPropertyOptional({ example: 'Basra' })
  @IsOptional()
  @IsGovernorate()
  governorate?: string;

  @ApiPropertyOptional({ description: 'Owner (supplier id).' })
  @IsOptional()
  @IsSlugId('ownerId')
  ownerId?: string;

  @ApiPropertyOptional({ example: 'J' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9\-_.]{0,15}$/, {
    message: 'sizeCode must be a cylinder size code such as J',
  })
  sizeCode?: string;

  @ApiPropertyOptional({ enum: CYLINDER_STATUSES })
  @IsOptional()
  @IsIn(CYLINDER_STATUSES)
  status?: CylinderStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/, { message: 'tripId must be a trip id' })
  tripId?: string;
}

export class CylinderListItem {
  @ApiProperty() serial!: string;
  @ApiProperty() sizeCode!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ enum: CYLINDER_STATUSES }) status!: string;
  @ApiPropertyOptional({ nullable: true }) facilityId!: string | null;
  @ApiPropertyOptional({ nullable: true }) facilityKind!: string | null;
  @ApiPropertyOptional({ nullable: true }) tripId!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Since when it is where it is.' })
  locationSince!: string | null;
  @ApiProperty() lastEventType!: string;
  @ApiProperty() lastEventAt!: string;
  @ApiPropertyOptional({ nullable: true }) lastFillLot!: string | null;
  @ApiPropertyOptional({ nullable: true }) lastFillPurityPercent!: number | null;
  @ApiProperty({ example: '2029-06-01' }) nextTestDue!: string;
}

export class CylinderListPage extends PageInfo {
  @ApiProperty({ type: [CylinderListItem] })
  items!: CylinderListItem[];
}
