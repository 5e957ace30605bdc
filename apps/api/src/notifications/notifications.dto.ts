import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  isTimeZone,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '@oxyledger/notifications';

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MAX_PAGE = 100;

@ValidatorConstraint({ name: 'isTimeZone' })
class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isTimeZone(value);
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Asia/Baghdad';
  }
}

export class InboxQuery {
  @ApiPropertyOptional({ description: 'Only unread notifications.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  pageSize?: number;
}

export class NotificationSource {
  @ApiProperty() eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() streamName!: string;
  @ApiProperty({ description: 'Position of the event in the ledger.' }) position!: string;
}

export class InboxItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty() urgent!: boolean;
  @ApiProperty({
    description: 'In English; the web app renders `params` in the reader’s language.',
  })
  title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: 'object', additionalProperties: true })
  params!: Record<string, unknown>;
  @ApiProperty({ description: 'Path in the web app.' }) link!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
  @ApiProperty({ type: NotificationSource, description: 'The ledger event it came from.' })
  source!: NotificationSource;
}

export class InboxPage {
  @ApiProperty({ type: [InboxItemView] }) items!: InboxItemView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() unread!: number;
}

export class UnreadCount {
  @ApiProperty() unread!: number;
}

export class MarkedRead {
  @ApiProperty() marked!: number;
}

export class QuietHoursDto {
  @ApiProperty({ example: '22:00', description: 'HH:MM, 24-hour clock, in `timeZone`.' })
  @IsString()
  @Matches(CLOCK, { message: 'quietHours.start must be a time HH:MM (00:00 to 23:59)' })
  start!: string;

  @ApiProperty({ example: '07:00' })
  @IsString()
  @Matches(CLOCK, { message: 'quietHours.end must be a time HH:MM (00:00 to 23:59)' })
  end!: string;
}

/** The channels per kind; a kind left out keeps inbox and e-mail. */
export class ChannelsDto implements Partial<Record<NotificationKind, NotificationChannel[]>> {
  [kind: string]: NotificationChannel[] | undefined;
}
// one property a kind, each validated alike: a new kind is listed once, in NOTIFICATION_KINDS
for (const kind of NOTIFICATION_KINDS) {
  const decorators: PropertyDecorator[] = [
    ApiPropertyOptional({ enum: NOTIFICATION_CHANNELS, isArray: true }),
    IsOptional(),
    IsArray(),
    ArrayUnique(),
    IsIn(NOTIFICATION_CHANNELS, { each: true }),
  ];
  // bottom up, as TypeScript applies a property's decorators
  for (const decorate of decorators.reverse()) decorate(ChannelsDto.prototype, kind);
}

export class NotificationSettingsDto {
  @ApiProperty({ nullable: true, type: String, description: 'Where e-mail goes; null: no e-mail.' })
  @ValidateIf((_, value) => value !== null)
  @IsEmail({}, { message: 'email must be an e-mail address, or null for no e-mail' })
  @MaxLength(254)
  email!: string | null;

  @ApiProperty({ type: ChannelsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ChannelsDto)
  channels!: ChannelsDto;

  @ApiProperty({ example: 'Asia/Baghdad' })
  @IsString()
  @Validate(IsIanaTimeZone)
  timeZone!: string;

  @ApiProperty({ type: QuietHoursDto, nullable: true, description: 'null: no quiet hours.' })
  @ValidateIf((_, value) => value !== null)
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours!: QuietHoursDto | null;

  @ApiProperty({
    description:
      'Urgent notifications (hospital critical or out, lot recall, critical help request) are e-mailed during quiet hours too.',
  })
  @IsBoolean()
  urgentOverridesQuiet!: boolean;
}

export class NotificationSettingsView extends NotificationSettingsDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Every kind, in order.' })
  kinds!: NotificationKind[];

  @ApiProperty({ description: 'Whether the platform sends e-mail at all (SMTP configured).' })
  emailAvailable!: boolean;
}

export class NewWebhookDto {
  @ApiProperty({ example: 'https://ops.example.org/oxyledger' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({
    enum: NOTIFICATION_KINDS,
    isArray: true,
    description: 'Empty or absent: every kind.',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  kinds?: NotificationKind[];

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true }) kinds!: NotificationKind[];
  @ApiProperty() description!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The signing secret: shown this once, keep it with the receiver. `null` in the replay of a ' +
      'request retried with its Idempotency-Key (the secret is never stored).',
  })
  secret!: string | null;
}

export class DeadLetterView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['email', 'webhook'] }) channel!: 'email' | 'webhook';
  @ApiProperty({ description: 'User id (e-mail) or webhook subscription id.' }) recipient!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'Times an admin retried it.' }) retries!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt!: string | null;
  @ApiProperty() title!: string;
}

export class DeadLetterPage {
  @ApiProperty({ type: [DeadLetterView] }) items!: DeadLetterView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class PageOnlyQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  pageSize?: number;
}
