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

const FACILITY_ID = /^[a-z0-9-]{3,64}$/;

export class CreateTripDto {
  @ApiPropertyOptional({ description: 'Chosen by the client (a UUID) to retry safely offline' })
  @IsOptional()
  @IsUUID()
  tripId?: string;

  @ApiProperty({ example: 'baghdad-psa-1', description: "A producer's plant or a depot" })
  @Matches(FACILITY_ID, { message: 'originFacilityId must be a facility id' })
  originFacilityId!: string;

  @ApiProperty({ example: 'baghdad-truck-07' })
  @Matches(FACILITY_ID, { message: 'vehicleId must be a vehicle id' })
  vehicleId!: string;

  @ApiProperty({ description: "The driver's user id" })
  @IsUUID()
  driverUserId!: string;

  @ApiProperty({ example: ['baghdad-medical-city', 'al-kindi-hospital'], description: 'In order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(FACILITY_ID, { each: true, message: 'each stop must be a facility id' })
  stops!: string[];

  @ApiProperty({ example: '2026-11-27T06:00:00Z' })
  @IsISO8601({ strict: true })
  plannedAt!: string;
}
