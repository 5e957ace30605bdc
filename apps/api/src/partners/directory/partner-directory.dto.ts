import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { HELP_REQUEST_CATEGORIES, type HelpRequestCategory } from '@oxyledger/domain';
import { ROLES, type Role } from '../../access/actor';
import { GOVERNORATES } from '@oxyledger/network';
import { PageQuery } from '../../network/page.dto';
import {
  CONTACT_CHANNELS,
  type ContactChannel,
  EXPERTISE_TAGS,
  type ExpertiseTag,
  ORGANISATION_KINDS,
  type OrganisationKind,
  PARTNER_LANGUAGES,
  type PartnerLanguage,
} from './partner-directory.types';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class PeopleQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the name or job title.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: EXPERTISE_TAGS })
  @IsOptional()
  @IsIn(EXPERTISE_TAGS)
  tag?: ExpertiseTag;

  @ApiPropertyOptional({ enum: GOVERNORATES })
  @IsOptional()
  @IsIn(GOVERNORATES)
  governorate?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  organisationKind?: OrganisationKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 64)
  organisationId?: string;

  @ApiPropertyOptional({ description: 'Only people available now.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  available?: boolean;
}

export class OrganisationsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ enum: GOVERNORATES })
  @IsOptional()
  @IsIn(GOVERNORATES)
  governorate?: string;

  @ApiPropertyOptional({ enum: EXPERTISE_TAGS })
  @IsOptional()
  @IsIn(EXPERTISE_TAGS)
  service?: ExpertiseTag;
}

export class ExpertsQuery {
  @ApiProperty({ description: 'The plant or hospital that needs help.' })
  @IsString()
  @Length(1, 128)
  facilityId!: string;

  @ApiPropertyOptional({ enum: HELP_REQUEST_CATEGORIES, default: 'plant-breakdown' })
  @IsOptional()
  @IsIn(HELP_REQUEST_CATEGORIES)
  category?: HelpRequestCategory;
}

export class ContactDto {
  @ApiProperty({ enum: CONTACT_CHANNELS })
  @IsIn(CONTACT_CHANNELS)
  channel!: ContactChannel;

  @ApiProperty({ example: '+964 770 123 4567' })
  @IsString()
  @Length(3, 200)
  value!: string;

  @ApiProperty({
    enum: ROLES,
    isArray: true,
    description: 'Roles the person agreed may see this channel; empty: nobody but themselves.',
  })
  @IsArray()
  @IsIn(ROLES, { each: true })
  shareWith!: Role[];
}

export class PersonDto {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  organisationId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 200) jobTitle?: string;
  @ApiProperty({ enum: EXPERTISE_TAGS, isArray: true })
  @IsArray()
  @IsIn(EXPERTISE_TAGS, { each: true })
  tags!: ExpertiseTag[];
  @ApiProperty({ enum: GOVERNORATES, isArray: true })
  @IsArray()
  @IsIn(GOVERNORATES, { each: true })
  governorates!: string[];
  @ApiProperty({ enum: PARTNER_LANGUAGES, isArray: true })
  @IsArray()
  @IsIn(PARTNER_LANGUAGES, { each: true })
  languages!: PartnerLanguage[];
  @ApiProperty() @IsBoolean() available!: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'The platform user this person is.' })
  @IsOptional()
  @IsString()
  userId?: string | null;
  @ApiPropertyOptional({ type: [ContactDto], description: 'Left out: the stored ones are kept.' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];
}

export class OrganisationDto {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) @IsIn(ORGANISATION_KINDS) kind!: OrganisationKind;
  @ApiProperty({ enum: GOVERNORATES, isArray: true })
  @IsArray()
  @IsIn(GOVERNORATES, { each: true })
  governorates!: string[];
  @ApiProperty({ enum: EXPERTISE_TAGS, isArray: true })
  @IsArray()
  @IsIn(EXPERTISE_TAGS, { each: true })
  services!: ExpertiseTag[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 500) surgeCapacity?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  facilityIds?: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() website?: string | null;
}

export class AvailabilityDto {
  @ApiProperty() @IsBoolean() available!: boolean;
}

export class PeopleCsvDto {
  @ApiProperty({ description: 'The people list as CSV (columns as in the export).' })
  @IsString()
  @Length(1, 2_000_000)
  csv!: string;
}
