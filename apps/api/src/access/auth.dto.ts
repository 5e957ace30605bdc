import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { type Role, ROLES } from './actor';

export class LoginRequest {
  @ApiProperty({ example: 'ali.hassan', description: 'Case-insensitive.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password!: string;
}

export class RefreshRequest {
  @ApiProperty({ description: 'The refresh token from POST /auth/login or a previous refresh.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  refreshToken!: string;
}

export class SessionUser {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ali.hassan' })
  username!: string;

  @ApiProperty({ example: 'Ali Hassan' })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, nullable: true, example: 'basra-asu-1' })
  facilityId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  supplierId!: string | null;
}

export class LoginResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;

  @ApiProperty({ description: 'Exchange at POST /auth/refresh for a new pair.' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds the access token is valid for.' })
  expiresIn!: number;

  @ApiProperty({ example: 604800, description: 'Seconds the refresh token is valid for.' })
  refreshExpiresIn!: number;

  @ApiProperty({ type: SessionUser })
  user!: SessionUser;
}
