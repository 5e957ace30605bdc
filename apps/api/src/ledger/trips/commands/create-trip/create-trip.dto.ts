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

  @ApiProperty({
    example: 'baghdad-psa-1',
    description: 'A plant or depot of the supplier whose truck and driver run the trip',
  })
  @IsSlugId('originFacilityId')
  originFacilityId!: string;

  @ApiProperty({
    example: 'baghdad-psa-1-truck-1',
    description: "An active vehicle of the origin's supplier with no other open trip",
  })
  @IsSlugId('vehicleId')
  vehicleId!: string;

  @ApiProperty({
    description:
      "An active user with the driver role of the origin's supplier (`GET /auth/me` as that driver)",
  })
  @IsUUID()
  driverUserId!: string;

  @ApiProperty({ example: ['baghdad-medical-city', 'al-kindi-teaching'], description: 'In order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^[a-z0-9-]{3,64}$/, { each: true, message: 'each stop must be a facility id' })
  stops!: string[];

  @ApiProperty({ example: '2026-11-27T06:00:00Z' })
  @IsISO8601({ strict: true })
  plannedAt!: string;
}
