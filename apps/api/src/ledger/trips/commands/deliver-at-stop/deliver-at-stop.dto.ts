import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { SERIAL_PATTERN } from '../../../cylinders/commands/register-cylinders/register-cylinders.dto';

/** One stop: full cylinders handed over, empties taken back, and who signed for them. */
export class DeliverAtStopDto {
  @ApiProperty({ example: 'baghdad-medical-city' })
  @Matches(/^[a-z0-9-]{3,64}$/, { message: 'facilityId must be a facility id' })
  facilityId!: string;

  @ApiProperty({ example: ['IQ-BGD-000123'] })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(SERIAL_PATTERN, { each: true, message: 'each serial must be as printed on a cylinder' })
  delivered!: string[];

  @ApiProperty({ example: ['IQ-BGD-000077'], description: 'Empties collected' })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(SERIAL_PATTERN, { each: true, message: 'each serial must be as printed on a cylinder' })
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
