import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, ensureDatabaseExists, loadConfig } from '@oxyledger/config';
import { ProjectorService } from '@oxyledger/read-models';
import { SupplyLevelWatcher } from '@oxyledger/supply';
import { ProjectorAppModule } from './projector-app.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await ensureDatabaseExists(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(ProjectorAppModule);
  app.enableShutdownHooks();
  app.get(ProjectorService).start();
  await app.get(SupplyLevelWatcher).start();
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
