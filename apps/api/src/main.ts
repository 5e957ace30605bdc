import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import {
  ConfigError,
  ensureDatabaseExists,
  exitGracefullyOnSignals,
  decideDemoSeed,
  loadConfig,
} from '@oxyledger/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { PlanningScheduler, PlanningWorker, PlannerWake } from '@oxyledger/planner';
import { configureApp } from './app.setup';
import { drainHttp } from './shutdown/graceful-shutdown';
import { DemoSeedService } from './demo/demo-seed.service';
import { NotificationsRunner } from '@oxyledger/notifications';
import { ProjectorService } from '@oxyledger/read-models';
import { SupplyLevelWatcher } from '@oxyledger/supply';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await ensureDatabaseExists(config.databaseUrl);

  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  const webAppServed = configureApp(app);
  exitGracefullyOnSignals(app, config.shutdownGraceMs, drainHttp(app));
  await app.listen(config.port);

  const { port } = app.getHttpServer().address() as AddressInfo;
  if (webAppServed) console.log(`OxyLedger dashboard: http://localhost:${port}/`);
  const logger = app.get(Logger);
  const web = webAppServed ? `dashboard: http://localhost:${port}/, ` : '';
  logger.log(
    `OxyLedger listening on http://localhost:${port} (${web}API: /api/v1, OpenAPI: /docs)`,
    'Bootstrap',
  );

  // On one machine the api process also keeps the read models; scaled out, apps/projector does.
  if (config.runs.projector) {
    app.get(ProjectorService).start();
    await app.get(SupplyLevelWatcher).start();
    app.get(NotificationsRunner).start();
  }

  // Likewise the refill planner: its schedule and one worker; scaled out, apps/planner runs them.
  if (config.runs.planner) {
    await app.get(PlanningScheduler).ensureSchedule();
    app.get(PlanningScheduler).keepSchedule();
    await app.get(PlanningWorker).start();
    app.get(PlannerWake).start();
  }

  // An empty development platform gets the demo network so a newcomer can walk a cylinder round
  // at once; never a production one unless asked for (its passwords are published).
  const demoSeed = decideDemoSeed();
  if (!demoSeed.seed) logger.log(`Demo network not seeded: ${demoSeed.reason}`, 'Bootstrap');
  if (demoSeed.seed) {
    if (demoSeed.warning) logger.warn(demoSeed.warning, 'Bootstrap');
    const demo = await app.get(DemoSeedService).seedIfEmpty();
    const lines = demo.seeded
      ? [`Demo network seeded: ${demo.cylinders} cylinders.`]
      : [`Demo data not seeded: ${demo.reason}.`];
    lines.push(
      webAppServed
        ? `Open the dashboard at http://localhost:${port}/ and log in as:`
        : `Open http://localhost:${port}/docs and log in (POST /api/v1/auth/login) as:`,
    );
    for (const login of demo.logins) {
      lines.push(`  ${login.username.padEnd(11)} / ${login.password}   (${login.role})`);
    }
    console.log(lines.join('\n'));
  }
}

bootstrap().catch((error: unknown) => {
  // A configuration mistake is the operator's to fix: the message says what; a stack would not.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
