import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
} from 'class-validator';
import { IsSlugId } from '../../../ledger.validators';

export class CreateTripDto {
  @ApiPropertyOptional({ description: 'Chosen by the client (a UUID) to retry safely offline' })
  @IsOptional()
  @IsUUID()
  tripId?: string;

  @ApiProperty({ example: 'baghdad-psa-1', description: "A producer's plant or a depot" })
  @IsSlugId('originFacilityId')
  originFacilityId!: string;

  @ApiProperty({ example: 'baghdad-truck-07' })
  @IsSlugId('vehicleId')
  vehicleId!: string;

  @ApiProperty({ description: "The driver's user id" })
  @IsUUID()
  driverUserId!: string;

  @ApiProperty({ example: ['baghdad-medical-city', 'al-kindi-hospital'], description: 'In order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^[a-z0-9-]{3,64}$/, { each: true, message: 'each stop must be a facility id' })
  stops!: string[];

  @ApiProperty({ example: '2026-11-27T06:00:00Z' })
  @IsISO8601({ strict: true })
  plannedAt!: string;
}
