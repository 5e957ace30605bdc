import { ApiProperty } from '@nestjs/swagger';

export type CheckStatus = 'ok' | 'error';

export class DependencyCheck {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: CheckStatus;

  @ApiProperty({ description: 'How long the check took, in milliseconds.' })
  latencyMs!: number;
}

export class EventStoreCheck extends DependencyCheck {
  @ApiProperty({ enum: ['postgres', 'eventstoredb'] })
  adapter!: string;
}

export class HealthChecks {
  @ApiProperty({ type: DependencyCheck })
  postgres!: DependencyCheck;

  @ApiProperty({ type: EventStoreCheck })
  eventStore!: EventStoreCheck;
}

export class HealthReport {
  @ApiProperty({ enum: ['ok', 'error'], description: '`ok` only if every check is.' })
  status!: CheckStatus;

  @ApiProperty({ type: HealthChecks })
  checks!: HealthChecks;
}
