import { Module } from '@nestjs/common';
import { LiveEventsHttpController } from './live-events.http.controller';
import { LiveEventsService } from './live-events.service';

@Module({ controllers: [LiveEventsHttpController], providers: [LiveEventsService] })
export class LiveModule {}
