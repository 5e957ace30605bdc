import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { HttpErrorFilter } from './shared/http/http-error.filter';
import { createValidationPipe } from './shared/http/validation.pipe';

/** Everything `main.ts` does to the app besides listening; end-to-end tests call it too. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // On SIGTERM/SIGINT: close the event store and pools, then exit through process.exit so that
  // pino (which writes asynchronously) flushes the last log lines.
  app.enableShutdownHooks([], { useProcessExit: true });
  // Every body and query is checked against its DTO: unknown fields and broken rules are a 400.
  app.useGlobalPipes(createValidationPipe());
  // Domain refusals, conflicts and not-found become 4xx naming the rule; the rest a bare 500.
  app.useGlobalFilters(new HttpErrorFilter());

  const openApi = new DocumentBuilder()
    .setTitle('OxyLedger API')
    .setDescription('The ledger, supply picture and refill planner for medical oxygen cylinders.')
    // POST /auth/login gives the access token; routes that need it are marked @ApiBearerAuth().
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'docs-json',
  });
}
