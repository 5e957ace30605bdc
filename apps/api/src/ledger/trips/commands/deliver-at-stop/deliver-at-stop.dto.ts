import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { IsSerialList, IsSlugId } from '../../../ledger.validators';

/** One stop: full cylinders handed over, empties taken back, and who signed for them. */
export class DeliverAtStopDto {
  @ApiProperty({ example: 'baghdad-medical-city' })
  @IsSlugId('facilityId')
  facilityId!: string;

  @ApiProperty({ example: ['IQ-BGD-000123'] })
  @IsSerialList({ max: 500 })
  delivered!: string[];

  @ApiProperty({ example: ['IQ-BGD-000077'], description: 'Empties collected' })
  @IsSerialList({ max: 500 })
  collected!: string[];

  @ApiProperty({ example: 'Store keeper Ali Hassan' })
  @IsString()
  @Length(1, 120)
  receivedBy!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
