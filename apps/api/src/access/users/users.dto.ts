import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { type Role, ROLES } from '../actor';
import { MAX_PAGE } from '@oxyledger/network';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  SLUG_PATTERN,
  USERNAME_PATTERN,
} from './user-rules';

const USERNAME_RULE =
  'username must be 3 to 64 letters, digits or . _ @ -, starting with a letter or digit';
const slugRule = (field: string) =>
  `${field} must be a slug: 3 to 64 lowercase letters, digits or -`;

/** A user as the api shows it (never the password hash). */
export class UserView {
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

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: "A driver's home plant, where the planner starts their routes.",
  })
  homePlantId!: string | null;

  @ApiProperty()
  active!: boolean;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

export class UserPage {
  @ApiProperty({ type: [UserView] })
  items!: UserView[];

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 50 })
  pageSize!: number;

  @ApiProperty({ example: 1 })
  total!: number;
}

export class CreateUserRequest {
  @ApiProperty({
    example: 'ali.hassan',
    description: 'Unique regardless of case. ' + USERNAME_RULE + '.',
  })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username!: string;

  @ApiPropertyOptional({ example: 'Ali Hassan', description: 'Defaults to the username.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    format: 'password',
  })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    example: 'basra-asu-1',
    description:
      'Required for producer and hospital users (their plant or hospital); empty for others.',
  })
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: slugRule('facilityId') })
  facilityId?: string;

  @ApiPropertyOptional({
    example: 'kurdistan-oxygen',
    description: "A dispatcher's (or driver's) supplier fleet; empty: a national dispatcher.",
  })
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: slugRule('supplierId') })
  supplierId?: string;

  @ApiPropertyOptional({
    example: 'baghdad-asu-1',
    description:
      "Drivers only: the plant they drive from (where the planner starts their routes), an active plant of the driver's supplier.",
  })
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: slugRule('homePlantId') })
  homePlantId?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Only the fields sent change; `null` clears facilityId or supplierId. */
export class UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: String, nullable: true, description: '`null` clears it.' })
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: slugRule('facilityId') })
  facilityId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: '`null` clears it.' })
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: slugRule('supplierId') })
  supplierId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      "Drivers only: an active plant of the driver's supplier; `null` clears it. Cleared when the user stops being a driver.",
  })
  @IsOptional()
  @IsString()
  @Matches(SLUG_PATTERN, { message: slugRule('homePlantId') })
  homePlantId?: string | null;

  @ApiPropertyOptional({ description: 'false: the user can no longer log in or refresh.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    format: 'password',
    description: "Password reset: the user's refresh tokens stop working.",
  })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password?: string;
}

export class UserQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  facilityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  supplierId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
