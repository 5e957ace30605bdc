import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** `GET /health`: is this instance able to serve (PostgreSQL and the event store answer)? */
@Module({
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
