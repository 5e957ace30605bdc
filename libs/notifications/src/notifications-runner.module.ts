import { Module } from '@nestjs/common';
import { NotificationsRunner } from './notifications-runner.service';

/** Needs the config, event store and database modules (global) in the importing app. */
@Module({ providers: [NotificationsRunner], exports: [NotificationsRunner] })
export class NotificationsRunnerModule {}
