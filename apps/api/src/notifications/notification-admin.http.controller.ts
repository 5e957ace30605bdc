import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { NotificationsRunner, NotificationsStore } from '@oxyledger/notifications';
import { Roles } from '../access';
import {
  CreatedWebhookView,
  DeadLetterPage,
  NewWebhookDto,
  PageOnlyQuery,
  WebhookView,
} from './notifications.dto';

/** Webhook subscriptions and the deliveries that failed every attempt: admins only. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('admin/notifications')
@Roles('admin')
export class NotificationAdminHttpController {
  constructor(
    private readonly store: NotificationsStore,
    private readonly runner: NotificationsRunner,
  ) {}

  @Get('webhooks')
  @ApiOkResponse({ type: [WebhookView] })
  webhooks(): Promise<WebhookView[]> {
    return this.store.webhooks();
  }

  @Post('webhooks')
  @ApiCreatedResponse({ type: CreatedWebhookView, description: 'The secret is shown only here.' })
  @ApiConflictResponse({ description: 'An active subscription already posts to this url.' })
  async addWebhook(@Body() body: NewWebhookDto): Promise<CreatedWebhookView> {
    const created = await this.store.addWebhook({
      url: body.url,
      kinds: body.kinds ?? [],
      description: body.description ?? '',
    });
    if (!created) {
      throw new ConflictException({
        statusCode: 409,
        error: 'webhooks.url-subscribed',
        message: `url: an active webhook subscription already posts to ${body.url}; remove it first`,
      });
    }
    return created;
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  @ApiNotFoundResponse({ description: 'No active subscription with this id.' })
  async removeWebhook(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await this.store.removeWebhook(id))) {
      throw new NotFoundException(`No active webhook subscription ${id}`);
    }
  }

  @Get('dead-letters')
  @ApiOkResponse({ type: DeadLetterPage, description: 'Deliveries that failed every attempt.' })
  async deadLetters(@Query() query: PageOnlyQuery): Promise<DeadLetterPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const result = await this.store.deadLetters({ limit: pageSize, offset: (page - 1) * pageSize });
    return { ...result, page, pageSize };
  }

  @Post('dead-letters/:id/retry')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Queued again for a new round of attempts.' })
  @ApiNotFoundResponse({ description: 'No dead delivery with this id.' })
  async retry(@Param('id', new ParseUUIDPipe()) id: string): Promise<{ retried: true }> {
    if (!(await this.store.retryDeadLetter(id))) {
      throw new NotFoundException(`No dead delivery ${id}`);
    }
    this.runner.deliveryQueue?.wake();
    return { retried: true };
  }
}
