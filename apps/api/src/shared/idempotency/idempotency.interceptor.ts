import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, type Observable, of, switchMap, throwError } from 'rxjs';
import { toHttpError } from '../http/http-error';
import { IdempotencyStore } from './idempotency.store';
import { NO_IDEMPOTENCY } from './no-idempotency.decorator';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const VALID_KEY = /^[\x21-\x7e]{8,255}$/;

/**
 * `Idempotency-Key` on a mutating request: the first request with a key runs and its answer
 * (success or refusal) is stored; a retry with the same key and the same request gets that answer
 * back with `Idempotent-Replayed: true` and runs nothing; the same key with a different request
 * is a 422. Unexpected failures are not stored, so a retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: { userId: string } }>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (!MUTATING.has(request.method) || key === undefined) return next.handle();
    if (
      Reflect.getMetadata(NO_IDEMPOTENCY, context.getClass()) === true ||
      Reflect.getMetadata(NO_IDEMPOTENCY, context.getHandler()) === true
    ) {
      return next.handle();
    }
    if (!VALID_KEY.test(key)) {
      return throwError(
        () =>
          new HttpException(
            {
              statusCode: 400,
              error: 'Bad Request',
              message: 'The request is invalid',
              violations: [
                {
                  field: 'Idempotency-Key',
                  rule: 'format',
                  message: 'Idempotency-Key must be 8 to 255 visible ASCII characters',
                },
              ],
            },
            HttpStatus.BAD_REQUEST,
          ),
      );
    }
    const userId = request.user?.userId ?? 'anonymous';
    const requestHash = hashRequest(request);

    return from(this.store.claim(userId, key, requestHash)).pipe(
      switchMap((claim) => {
        switch (claim.outcome) {
          case 'different-request':
            throw new HttpException(
              {
                statusCode: 422,
                error: 'idempotency.key-reused',
                message: 'This Idempotency-Key was used for a different request',
              },
              HttpStatus.UNPROCESSABLE_ENTITY,
            );
          case 'in-progress':
            response.setHeader('Retry-After', '1');
            throw new HttpException(
              {
                statusCode: 409,
                error: 'idempotency.in-progress',
                message:
                  'A request with this Idempotency-Key is still being processed; retry shortly',
              },
              HttpStatus.CONFLICT,
            );
          case 'replay':
            response.status(claim.status);
            response.setHeader('Idempotent-Replayed', 'true');
            if (claim.status >= 400) {
              throw new HttpException(claim.body as Record<string, unknown>, claim.status);
            }
            return of(claim.body);
          case 'claimed':
            return next.handle().pipe(
              switchMap((body) =>
                from(this.store.complete(userId, key, response.statusCode, body)).pipe(
                  switchMap(() => of(body)),
                ),
              ),
              catchError((error: unknown) => {
                // Refusals are part of the answer a retry must get; server failures are not.
                const known = toHttpError(error);
                const settle =
                  known && known.status < 500
                    ? this.store.complete(userId, key, known.status, known.body)
                    : this.store.release(userId, key);
                return from(settle).pipe(switchMap(() => throwError(() => error)));
              }),
            );
        }
      }),
    );
  }
}

function hashRequest(request: Request): string {
  return createHash('sha256')
    .update(request.method)
    .update('\n')
    .update(request.originalUrl)
    .update('\n')
    .update(canonicalJson(request.body ?? null))
    .digest('hex');
}

/** JSON with object keys sorted, so the same body sent with keys in another order matches. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
