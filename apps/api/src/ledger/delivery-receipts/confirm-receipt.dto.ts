import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { IsSerialList } from '../ledger.validators';

export class ConfirmReceiptDto {
  @ApiProperty({ example: ['IQ-BGD-000123'], description: 'Every cylinder that arrived' })
  @IsSerialList({ max: 500 })
  received!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}

export class DeliveryReceiptView {
  @ApiProperty() tripId!: string;
  @ApiProperty() facilityId!: string;
  @ApiProperty({ type: [String] }) received!: string[];
  @ApiProperty({ type: [String], description: 'Recorded by the driver, not found on arrival' })
  missing!: string[];
  @ApiProperty({ type: [String], description: 'Arrived, not recorded by the driver' })
  unexpected!: string[];
  @ApiProperty() confirmedAt!: string;
}
