import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { toHttpError } from './http-error';

/**
 * Known errors get their 4xx answer; anything else is logged and answered with a bare 500. Every
 * 429, 503 and other 5xx carries `Retry-After`.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const known = toHttpError(error);
    if (known) {
      if (known.status >= 500 || known.status === HttpStatus.TOO_MANY_REQUESTS) {
        response.setHeader('Retry-After', retryAfterOf(error));
      }
      response.status(known.status).json(known.body);
      return;
    }
    // Every 5xx invites a retry; with the same Idempotency-Key it records nothing twice.
    response.setHeader('Retry-After', '1');
    if (isDatabaseUnavailable(error)) {
      this.logger.warn(`database unavailable: ${(error as Error).message}`);
      response.setHeader('Retry-After', '2');
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        statusCode: 503,
        error: 'unavailable',
        message: 'The database is not reachable just now. Retry with the same Idempotency-Key.',
      });
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: 500,
      error: 'internal',
      message: 'Something went wrong on our side. Retrying with the same Idempotency-Key is safe.',
    });
  }
}

/** Seconds a 429 or a 5xx asks the client to wait: the error's own figure, else 1. */
function retryAfterOf(error: unknown): string {
  const seconds = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 1
    ? String(Math.ceil(seconds))
    : '1';
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
]);

/** A lost or refused database connection, a server shutting down or starting up. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (
      UNAVAILABLE_CODES.has(code) ||
      code.startsWith('08') ||
      code === '57P01' ||
      code === '57P02' ||
      code === '57P03'
    )
      return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (
      /Connection terminated|connection timeout|Client has encountered a connection error|the database system is (shutting down|starting up)/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}
