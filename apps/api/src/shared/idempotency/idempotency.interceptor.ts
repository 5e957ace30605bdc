import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore, type LedgerSql } from '@oxyledger/event-store';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, lastValueFrom, type Observable, of, switchMap, throwError } from 'rxjs';
import { toHttpError } from '../http/http-error';
import { type IdempotencyClaim, IdempotencyStore } from './idempotency.store';
import { NO_IDEMPOTENCY } from './no-idempotency.decorator';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const VALID_KEY = /^[\x21-\x7e]{8,255}$/;
/**
 * Fields of an answer never stored (they would sit in the table in plain text): tokens, and a new
 * webhook's signing secret. `/auth` stores no answers at all (`@NoIdempotency()`).
 */
const CREDENTIAL_FIELDS = ['accessToken', 'refreshToken', 'token', 'password', 'secret'];

/**
 * Test hook, only with NODE_ENV=test and IDEMPOTENCY_TEST_FAULT=on-header: a keyed request sent
 * with `X-Test-Fault: after-effect` fails after its effect, before its answer is stored.
 */
function faultAfterEffect(request: Request): boolean {
  return (
    process.env.NODE_ENV === 'test' &&
    process.env.IDEMPOTENCY_TEST_FAULT === 'on-header' &&
    request.header('x-test-fault') === 'after-effect'
  );
}

/** What the handler answered, carried out of the ledger transaction. */
class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly error: unknown,
  ) {}
}

/**
 * `Idempotency-Key` on a mutating request: the first request with a key runs and its answer
 * (success or refusal) is stored; a retry with the same key and the same request gets that answer
 * back with `Idempotent-Replayed: true` and runs nothing; the same key with a different request
 * is a 422. Unexpected failures are not stored, so a retry runs again.
 *
 * With the PostgreSQL ledger the whole request runs in one ledger transaction: the key is held
 * by a transaction-scoped advisory lock, the handler's appends join the transaction, and the
 * answer is inserted before it commits. So the events and the stored answer are one atomic fact:
 * a crash, a lost connection or a failure anywhere before the commit leaves neither, and a retry
 * runs the command once; after the commit every retry gets the original answer.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(EVENT_STORE) private readonly ledger: EventStore,
  ) {}

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

    if (this.ledger.atomically) {
      return from(this.runAtomically(userId, key, requestHash, request, response, next)).pipe(
        switchMap((claim) => this.answer(claim, response, next)),
      );
    }
    return from(this.store.claim(userId, key, requestHash)).pipe(
      switchMap((claim) => this.answer(claim, response, next, userId, key)),
    );
  }

  /**
   * Runs the handler inside the ledger transaction and returns what to answer (a 'replay' of
   * either the stored answer or the one just committed).
   */
  private async runAtomically(
    userId: string,
    key: string,
    requestHash: string,
    request: Request,
    response: Response,
    next: CallHandler,
  ): Promise<IdempotencyClaim> {
    const outcome = await this.ledger.atomically!(async (sql: LedgerSql) => {
      const claim = await this.store.claimInTransaction(sql, userId, key, requestHash);
      if (claim.outcome !== 'claimed') return claim;
      let answer: Answer;
      try {
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        answer = new Answer(response.statusCode, body, undefined);
      } catch (error) {
        const known = toHttpError(error);
        // Server failures are not part of the answer: roll back, so a retry runs again.
        if (!known || known.status >= 500) throw error;
        answer = new Answer(known.status, known.body, error);
      }
      if (faultAfterEffect(request))
        throw new Error('injected fault between the effect and its answer');
      await this.store.recordInTransaction(
        sql,
        userId,
        key,
        requestHash,
        answer.status,
        withoutCredentials(answer.body),
      );
      return answer; // a refusal commits too: it is the answer a retry must get
    });
    if (!(outcome instanceof Answer)) return outcome;
    if (outcome.error !== undefined) throw outcome.error;
    return { outcome: 'replay', status: outcome.status, body: outcome.body, fresh: true };
  }

  private answer(
    claim: IdempotencyClaim,
    response: Response,
    next: CallHandler,
    userId?: string,
    key?: string,
  ): Observable<unknown> {
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
            message: 'A request with this Idempotency-Key is still being processed; retry shortly',
          },
          HttpStatus.CONFLICT,
        );
      case 'replay':
        response.status(claim.status);
        if (claim.fresh) return of(claim.body);
        response.setHeader('Idempotent-Replayed', 'true');
        if (claim.status >= 400) {
          throw new HttpException(claim.body as Record<string, unknown>, claim.status);
        }
        return of(claim.body);
      case 'claimed':
        if (userId === undefined || key === undefined) throw new Error('claimed twice');
        return next.handle().pipe(
          switchMap((body) =>
            from(
              this.store.complete(userId, key, response.statusCode, withoutCredentials(body)),
            ).pipe(switchMap(() => of(body))),
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
  }
}

/**
 * The answer as stored: credential fields emptied (`null`), so a retry replays the effect's
 * answer (its ids) and runs nothing again, but no secret sits in the table.
 */
function withoutCredentials(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const fields = CREDENTIAL_FIELDS.filter((field) => field in body);
  if (fields.length === 0) return body;
  return { ...body, ...Object.fromEntries(fields.map((field) => [field, null])) };
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
