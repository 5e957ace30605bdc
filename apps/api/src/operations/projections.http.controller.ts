import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@oxyledger/event-store';
import { PROJECTIONS, projectionStatuses, type ProjectionStatus } from '@oxyledger/read-models';
import { DataSource } from 'typeorm';
import { NOTIFICATIONS_FILTER, NOTIFICATIONS_PROJECTION } from '@oxyledger/notifications';
import { Roles } from '../access';
import { PLANNER_WAKE } from '@oxyledger/planner';
import { SUPPLY_LEVELS_CHECKPOINT, SUPPLY_LEVELS_FILTER } from '@oxyledger/supply';

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
    // the followers that run as projections too: same owner rule, lag and last error
    const followers = [
      { name: SUPPLY_LEVELS_CHECKPOINT, filter: SUPPLY_LEVELS_FILTER },
      { name: PLANNER_WAKE, filter: { streamPrefixes: ['hospital-supply-'] } },
      { name: NOTIFICATIONS_PROJECTION, filter: NOTIFICATIONS_FILTER },
    ].map((follower) => ({ ...follower, tables: [], apply: async () => undefined }));
    const projections = [...PROJECTIONS.map((create) => create()), ...followers];
    return { projections: await projectionStatuses(this.store, this.dataSource, projections) };
  }
}
