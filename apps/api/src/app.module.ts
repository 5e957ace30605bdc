import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@oxyledger/config';
import { EventStoreModule } from '@oxyledger/event-store';
import { LoggerModule } from 'nestjs-pino';
import { HealthModule } from './health/health.module';

/** The api: infrastructure first (config, logging, event store), then one module per feature. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          // Load balancers poll /health every few seconds; a log line each time is noise.
          autoLogging: { ignore: (request) => request.url === '/health' },
        },
      }),
    }),
    EventStoreModule.forRoot(),
    HealthModule,
  ],
})
export class AppModule {}
