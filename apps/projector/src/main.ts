import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError,
  ensureDatabaseExists,
  exitGracefullyOnSignals,
  loadConfig,
  startHeartbeat,
} from '@oxyledger/config';
import { NotificationsRunner } from '@oxyledger/notifications';
import { Logger } from 'nestjs-pino';
import { ProjectorService } from '@oxyledger/read-models';
import { SupplyLevelWatcher } from '@oxyledger/supply';
import { ProjectorAppModule } from './projector-app.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await ensureDatabaseExists(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(ProjectorAppModule, { bufferLogs: true });
  // JSON logs (pino) for everything the app logs, like the api's.
  app.useLogger(app.get(Logger));
  exitGracefullyOnSignals(app, config.shutdownGraceMs);
  app.get(ProjectorService).start();
  await app.get(SupplyLevelWatcher).start();
  app.get(NotificationsRunner).start();
  if (config.heartbeatFile) startHeartbeat(config.heartbeatFile);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
