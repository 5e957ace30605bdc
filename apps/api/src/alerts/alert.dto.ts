import { ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_SEVERITIES, type AlertSeverity } from '@oxyledger/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../network/page.dto';
import { ALERT_KINDS, type AlertKind } from './alert-conditions.reader';

export class AlertListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ALERT_SEVERITIES })
  @IsOptional()
  @IsIn(ALERT_SEVERITIES)
  severity?: AlertSeverity;

  @ApiPropertyOptional({ enum: ALERT_KINDS })
  @IsOptional()
  @IsIn(ALERT_KINDS)
  kind?: AlertKind;

  @ApiPropertyOptional({
    description: 'Include alerts marked resolved while their condition lasts.',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeResolved?: boolean;
}

export class AcknowledgeAlertDto {
  @ApiPropertyOptional({ example: 'Calling the hospital' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class ResolveAlertDto {
  @ApiPropertyOptional({ example: 'Truck IQ BAS 1001 on its way with 20 J' })
  @IsString()
  @Length(1, 500)
  note!: string;
}
