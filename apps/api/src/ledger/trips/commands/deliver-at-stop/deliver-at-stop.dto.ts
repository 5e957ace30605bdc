import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsSerialList, IsSlugId } from '../../../ledger.validators';

const SHA256 = /^[0-9a-f]{64}$/;

/** Images uploaded first with `PUT /delivery-proofs/{sha256}`; the events record these hashes. */
export class DeliveryProofDto {
  @ApiProperty({ description: 'SHA-256 (hex) of the drawn signature image' })
  @Matches(SHA256, { message: 'signatureSha256 must be a lowercase hex SHA-256' })
  signatureSha256!: string;

  @ApiPropertyOptional({ description: 'SHA-256 (hex) of a photo of the delivery' })
  @IsOptional()
  @Matches(SHA256, { message: 'photoSha256 must be a lowercase hex SHA-256' })
  photoSha256?: string;
}

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

  @ApiPropertyOptional({ type: DeliveryProofDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeliveryProofDto)
  proof?: DeliveryProofDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
