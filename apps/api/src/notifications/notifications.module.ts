import { Module } from '@nestjs/common';
import { NotificationsRunnerModule, NotificationsStore } from '@oxyledger/notifications';
import { NotificationAdminHttpController } from './notification-admin.http.controller';
import { NotificationsHttpController } from './notifications.http.controller';

/** The inbox, each user's notification settings, webhook subscriptions and dead letters. */
@Module({
  imports: [NotificationsRunnerModule],
  controllers: [NotificationsHttpController, NotificationAdminHttpController],
  providers: [NotificationsStore],
})
export class NotificationsModule {}
