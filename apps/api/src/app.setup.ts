import { type INestApplication, RequestMethod } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { requestIdMiddleware } from './observability/request-id';
import { HttpErrorFilter } from './shared/http/http-error.filter';
import { useRequestGuards } from './shared/http/request-guards';
import { createValidationPipe } from './shared/http/validation.pipe';
import { serveWebApp } from './web/serve-web-app';

/**
 * Every API route lives under this prefix, so the web app's own routes (`/`, `/hospitals/…`)
 * never collide with it. `/health` stays at the root for load balancers and container probes.
 */
export const API_PREFIX = 'api/v1';

/** Everything `main.ts` does to the app besides listening; end-to-end tests call it too. */
export function configureApp(app: INestApplication, options: { webRoot?: string } = {}): boolean {
  app.useLogger(app.get(Logger));
  // First of all middleware: pino-http and the command context read the id it sets.
  app.use(requestIdMiddleware);
  // SIGTERM/SIGINT are handled in main.ts (exitGracefullyOnSignals): drain HTTP, then close.
  useApiPrefix(app);
  // Security headers; bodies and queries that could make a 500 are a 4xx before any route.
  useRequestGuards(app);
  // Every body and query is checked against its DTO: unknown fields and broken rules are a 400.
  app.useGlobalPipes(createValidationPipe());
  // Domain refusals, conflicts and not-found become 4xx naming the rule; the rest a bare 500.
  app.useGlobalFilters(new HttpErrorFilter());

  SwaggerModule.setup('docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  // true when the web app is built and served at /
  return serveWebApp(app, options.webRoot);
}

export function useApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}

/** The OpenAPI document of the configured app: served at /docs-json, and the web client's source. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const openApi = new DocumentBuilder()
    .setTitle('OxyLedger API')
    .setDescription('The ledger, supply picture and refill planner for medical oxygen cylinders.')
    // POST /auth/login gives the access token; routes that need it are marked @ApiBearerAuth().
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, openApi);
}
