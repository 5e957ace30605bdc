import { Module } from '@nestjs/common';
import { ProjectorService } from './projector.service';

/** Needs the event store and the database modules (both global) in the importing app. */
@Module({
  providers: [ProjectorService],
  exports: [ProjectorService],
})
export class ProjectorModule {}
