import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { ConfigError, ensureDatabaseExists, loadConfig } from '@oxyledger/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  await ensureDatabaseExists(config.databaseUrl);

  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);
  await app.listen(config.port);

  const { port } = app.getHttpServer().address() as AddressInfo;
  app
    .get(Logger)
    .log(`OxyLedger API listening on http://localhost:${port} (OpenAPI: /docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // A configuration mistake is the operator's to fix: the message says what; a stack would not.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
