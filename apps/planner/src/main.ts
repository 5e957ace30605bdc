import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, ensureDatabaseExists, loadConfig } from '@oxyledger/config';
import { PlanningScheduler, PlanningWorker, PlannerWake } from '@oxyledger/planner';
import { PlannerAppModule } from './planner-app.module';

/** `npm run start:planner`: one more planner process (the api process runs one too, unless RUN_PLANNER=false). */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await ensureDatabaseExists(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(PlannerAppModule);
  app.enableShutdownHooks();
  await app.get(PlanningScheduler).ensureSchedule();
  app.get(PlanningScheduler).keepSchedule();
  await app.get(PlanningWorker).start();
  app.get(PlannerWake).start();
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
