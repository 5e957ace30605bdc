import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError,
  ensureDatabaseExists,
  exitGracefullyOnSignals,
  loadConfig,
  startHeartbeat,
} from '@oxyledger/config';
import { PlanningScheduler, PlanningWorker, PlannerWake } from '@oxyledger/planner';
import { Logger } from 'nestjs-pino';
import { PlannerAppModule } from './planner-app.module';

/** `npm run start:planner`: one more planner process (the api process runs one too, unless RUN_PLANNER=false). */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await ensureDatabaseExists(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(PlannerAppModule, { bufferLogs: true });
  // JSON logs (pino) for everything the app logs, like the api's.
  app.useLogger(app.get(Logger));
  exitGracefullyOnSignals(app, config.shutdownGraceMs);
  await app.get(PlanningScheduler).ensureSchedule();
  app.get(PlanningScheduler).keepSchedule();
  await app.get(PlanningWorker).start();
  app.get(PlannerWake).start();
  if (config.heartbeatFile) startHeartbeat(config.heartbeatFile);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
