import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageInfo, PageQuery } from '../../network/page.dto';

export class ReportingGapsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Silent for at least this many days (1–90).', default: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;
}

export class ReportingGapView {
  @ApiProperty() facilityId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() governorate!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Latest census reported.' })
  lastCensusAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Latest cylinder event at the hospital (arrival, in use, empty, ...).',
  })
  lastMovementAt!: string | null;
}

export class ReportingGapsPage extends PageInfo {
  @ApiProperty() days!: number;
  @ApiProperty({ type: [ReportingGapView] }) items!: ReportingGapView[];
}
