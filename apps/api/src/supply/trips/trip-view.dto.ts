import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TRIP_STATUSES } from '@oxyledger/domain';
import { IsIn, IsOptional } from 'class-validator';
import { IsSlugId } from '../../ledger/ledger.validators';
import { PageInfo, PageQuery } from '../../network/page.dto';

export class TripListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TRIP_STATUSES })
  @IsOptional()
  @IsIn(TRIP_STATUSES)
  status?: (typeof TRIP_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Trips from, or stopping at, this facility.' })
  @IsOptional()
  @IsSlugId('facilityId')
  facilityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsSlugId('vehicleId')
  vehicleId?: string;

  @ApiPropertyOptional({ description: 'The driver’s user id.' })
  @IsOptional()
  @IsSlugId('driverId')
  driverId?: string;
}

export class TripCylinderView {
  @ApiProperty() serial!: string;
  @ApiProperty() sizeCode!: string;
}

export class TripStopProofView {
  @ApiProperty() signatureSha256!: string;
  @ApiPropertyOptional() photoSha256?: string;
}

export class TripStopSummary {
  @ApiProperty() facilityId!: string;
  @ApiProperty() facilityKind!: string;
  @ApiProperty() completed!: boolean;
  @ApiPropertyOptional({ nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: [String] }) delivered!: string[];
  @ApiProperty({ type: [TripCylinderView] }) collected!: TripCylinderView[];
  @ApiPropertyOptional({ nullable: true }) receivedBy!: string | null;
  @ApiPropertyOptional({ type: TripStopProofView, nullable: true })
  proof?: TripStopProofView | null;
}

export class TripUnloadView {
  @ApiProperty() facilityId!: string;
  @ApiProperty({ type: [String] }) serials!: string[];
  @ApiProperty() at!: string;
}

export class TripView {
  @ApiProperty() tripId!: string;
  @ApiProperty({ enum: TRIP_STATUSES }) status!: string;
  @ApiProperty() originId!: string;
  @ApiProperty() vehicleId!: string;
  @ApiProperty() driverId!: string;
  @ApiProperty() plannedAt!: string;
  @ApiPropertyOptional({ nullable: true }) completedAt!: string | null;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: 'Cylinders on the truck now.' }) onBoard!: number;
  @ApiProperty({ type: [TripCylinderView] }) loaded!: TripCylinderView[];
  @ApiProperty({ type: [TripStopSummary] }) stops!: TripStopSummary[];
  @ApiProperty({ type: [TripUnloadView] }) unloaded!: TripUnloadView[];
  @ApiProperty({ type: [String] }) missingSerials!: string[];
}

export class TripPage extends PageInfo {
  @ApiProperty({ type: [TripView] })
  items!: TripView[];
}
