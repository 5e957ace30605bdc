import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsSlugId, SERIAL_PATTERN, SERIAL_RULE } from '../../../ledger.validators';

export class CylinderRegistrationDto {
  @ApiProperty({ example: 'IQ-BGD-000123' })
  @Matches(SERIAL_PATTERN, { message: `serial ${SERIAL_RULE}` })
  serial!: string;

  @ApiProperty({ example: 'J', description: 'A size code from the size catalog' })
  @IsString()
  @Matches(/^[A-Z0-9]{1,4}$/, { message: 'sizeCode must be 1–4 capital letters or digits' })
  sizeCode!: string;

  @ApiProperty({
    example: 'rafidain-oxygen',
    description: 'The supplier that owns it: one that owns a plant, depot or vehicle',
  })
  @IsSlugId('ownerId')
  ownerId!: string;

  @ApiProperty({
    example: 'oxygen-93',
    description:
      'A gas grade from the catalog: oxygen-93 (PSA/VSA, 90–96 %) or oxygen-99.5 (liquid, ≥ 99.5 %)',
  })
  @IsString()
  gasGrade!: string;

  @ApiProperty({ example: '2021-03-01' })
  @IsISO8601({ strict: true }, { message: 'manufactureDate must be a date (YYYY-MM-DD)' })
  manufactureDate!: string;

  @ApiProperty({ example: '2024-03-01', description: 'Last periodic (hydrostatic) test' })
  @IsISO8601({ strict: true }, { message: 'lastTestDate must be a date (YYYY-MM-DD)' })
  lastTestDate!: string;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  testIntervalYears?: number;

  @ApiPropertyOptional({
    enum: ['EMPTY', 'FULL'],
    description: 'For fleets already in service: register as full instead of empty',
  })
  @IsOptional()
  @IsIn(['EMPTY', 'FULL'])
  migratedAs?: 'EMPTY' | 'FULL';
}

export class RegisterCylindersDto {
  @ApiProperty({ example: 'baghdad-psa-1', description: 'Where the cylinders are now' })
  @IsSlugId('facilityId')
  facilityId!: string;

  @ApiProperty({ type: [CylinderRegistrationDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CylinderRegistrationDto)
  cylinders!: CylinderRegistrationDto[];

  @ApiPropertyOptional({ description: 'When it happened on the device (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
