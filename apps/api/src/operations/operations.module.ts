import { Module } from '@nestjs/common';
import { ProjectionsHttpController } from './projections.http.controller';

/** Running the platform: how the projections keep up. */
@Module({ controllers: [ProjectionsHttpController] })
export class OperationsModule {}
