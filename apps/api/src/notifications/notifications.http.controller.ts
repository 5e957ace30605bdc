import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  NOTIFICATION_KINDS,
  NotificationsRunner,
  NotificationsStore,
} from '@oxyledger/notifications';
import { CurrentActor, Roles } from '../access';
import { type Actor, ROLES } from '../access/actor';
import {
  InboxPage,
  InboxQuery,
  MarkedRead,
  NotificationSettingsDto,
  NotificationSettingsView,
  UnreadCount,
} from './notifications.dto';

/**
 * Each user's own notifications and settings: every route reads or writes the caller's rows
 * only, whatever their role (an analyst too may mark their inbox read).
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
@Roles(...ROLES)
export class NotificationsHttpController {
  constructor(
    private readonly store: NotificationsStore,
    private readonly runner: NotificationsRunner,
  ) {}

  @Get()
  @ApiOkResponse({ type: InboxPage, description: 'Newest first.' })
  async inbox(@Query() query: InboxQuery, @CurrentActor() actor: Actor): Promise<InboxPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const result = await this.store.inbox(actor.userId, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
      unreadOnly: query.unread ?? false,
    });
    return { ...result, page, pageSize };
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCount })
  async unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCount> {
    return { unread: await this.store.unreadCount(actor.userId) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedRead })
  async readAll(@CurrentActor() actor: Actor): Promise<MarkedRead> {
    return { marked: await this.store.markAllRead(actor.userId) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkedRead })
  @ApiNotFoundResponse({ description: 'You have no notification with this id.' })
  async read(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<MarkedRead> {
    if (!(await this.store.markRead(actor.userId, id))) {
      throw new NotFoundException(`You have no notification ${id}`);
    }
    return { marked: 1 };
  }

  @Get('settings')
  @ApiOkResponse({ type: NotificationSettingsView })
  async settings(@CurrentActor() actor: Actor): Promise<NotificationSettingsView> {
    return this.view(await this.store.settings(actor.userId));
  }

  @Put('settings')
  @ApiOkResponse({ type: NotificationSettingsView })
  async saveSettings(
    @Body() body: NotificationSettingsDto,
    @CurrentActor() actor: Actor,
  ): Promise<NotificationSettingsView> {
    const current = await this.store.settings(actor.userId);
    const saved = await this.store.saveSettings(actor.userId, {
      email: body.email,
      channels: { ...current.channels, ...body.channels },
      timeZone: body.timeZone,
      quietHours: body.quietHours
        ? { start: body.quietHours.start, end: body.quietHours.end }
        : null,
      urgentOverridesQuiet: body.urgentOverridesQuiet,
    });
    return this.view(saved);
  }

  private view(
    settings: Awaited<ReturnType<NotificationsStore['settings']>>,
  ): NotificationSettingsView {
    return {
      ...settings,
      kinds: [...NOTIFICATION_KINDS],
      emailAvailable: this.runner.config.smtp !== null,
    };
  }
}
