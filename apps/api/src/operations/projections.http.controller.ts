import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { PROJECTIONS, projectionStatuses, type ProjectionStatus } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { Roles } from '../access';

/** How the read models keep up with the ledger: checkpoint, lag, owner, last error. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Roles('admin', 'analyst', 'dispatcher')
  @ApiOkResponse({ description: 'One entry per projection.' })
  async status(): Promise<{ projections: ProjectionStatus[] }> {
    const projections = PROJECTIONS.map((create) => create());
    return { projections: await projectionStatuses(this.store, this.dataSource, projections) };
  }
}
