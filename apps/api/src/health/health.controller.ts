import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../access/access.decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@Public() // load balancers and orchestrators call it without a token
@Controller('health')
export class HealthController {
  constructor(
    private readonly terminus: HealthCheckService,
    private readonly health: HealthService,
  ) {}

  /** Liveness: the process answers. Restarting it would not mend a database that is away. */
  @Get()
  @ApiOkResponse({ description: 'The process is up: `{ "status": "ok" }`.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: send it traffic only while this answers 200. */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({
    description:
      'PostgreSQL, Redis and the event store answer, and every projection is within READY_MAX_PROJECTION_LAG_SECONDS.',
  })
  @ApiServiceUnavailableResponse({ description: 'A check is down: `error` names it.' })
  ready(): Promise<HealthCheckResult> {
    return this.terminus.check([
      () => this.health.postgresCheck(),
      () => this.health.redisCheck(),
      () => this.health.eventStoreCheck(),
      () => this.health.projectionsCheck(),
    ]);
  }
}
