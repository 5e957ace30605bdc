import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access.decorators';
import { HealthReport } from './health-report';
import { HealthService } from './health.service';

@ApiTags('health')
@Public() // load balancers and orchestrators call it without a token
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ type: HealthReport, description: 'Every dependency answers.' })
  @ApiServiceUnavailableResponse({ type: HealthReport, description: 'A dependency is down.' })
  async check(): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') throw new ServiceUnavailableException(report);
    return report;
  }
}
