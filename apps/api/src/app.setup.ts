import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';

/** Everything `main.ts` does to the app besides listening; end-to-end tests call it too. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // On SIGTERM/SIGINT: close the event store and pools, then exit through process.exit so that
  // pino (which writes asynchronously) flushes the last log lines.
  app.enableShutdownHooks([], { useProcessExit: true });

  const openApi = new DocumentBuilder()
    .setTitle('OxyLedger API')
    .setDescription('The ledger, supply picture and refill planner for medical oxygen cylinders.')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'docs-json',
  });
}
