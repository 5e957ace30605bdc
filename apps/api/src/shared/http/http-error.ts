import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type DomainErrorKind } from '@oxyledger/domain';
import {
  EventIdConflictError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '@oxyledger/event-store';

export interface HttpErrorResponse {
  status: number;
  body: Record<string, unknown>;
}

/** Errors that know their own HTTP answer (domain refusals, not-found, forbidden). */
export interface HasHttpStatus {
  readonly httpStatus: number;
  readonly code: string;
  readonly message: string;
  toJSON?(): Record<string, unknown>;
}

function hasHttpStatus(error: unknown): error is HasHttpStatus {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as HasHttpStatus).httpStatus === 'number' &&
    typeof (error as HasHttpStatus).code === 'string'
  );
}

/**
 * The one place that turns an error into an HTTP answer; used by the exception filter and by
 * the idempotency layer, which stores the answer a retry must get. `undefined` means unexpected:
 * a bare 500.
 */
export function toHttpError(error: unknown): HttpErrorResponse | undefined {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const body =
      typeof response === 'string'
        ? { statusCode: error.getStatus(), message: response }
        : (response as Record<string, unknown>);
    return { status: error.getStatus(), body };
  }
  if (error instanceof DomainError) {
    const status = DOMAIN_ERROR_STATUS[error.kind];
    return { status, body: { statusCode: status, error: error.code, ...error.toJSON() } };
  }
  if (hasHttpStatus(error)) {
    return {
      status: error.httpStatus,
      body: {
        statusCode: error.httpStatus,
        error: error.code,
        message: error.message,
        ...(error.toJSON?.() ?? {}),
      },
    };
  }
  if (error instanceof WrongExpectedVersionError) {
    return conflict('concurrency.conflict', `${error.message}; reload and try again`);
  }
  if (error instanceof EventIdConflictError) {
    return {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      body: { statusCode: 422, error: 'ledger.event-id-reused', message: error.message },
    };
  }
  if (error instanceof InvalidAppendError) {
    return {
      status: HttpStatus.BAD_REQUEST,
      body: { statusCode: 400, error: 'ledger.invalid-append', message: error.message },
    };
  }
  if (isBodyParseError(error)) {
    return {
      status: HttpStatus.BAD_REQUEST,
      body: {
        statusCode: 400,
        error: 'request.malformed-json',
        message: 'The body is not valid JSON',
      },
    };
  }
  const bodyRefusal = bodyParserRefusal(error);
  if (bodyRefusal) return bodyRefusal;
  return undefined;
}

/** The domain says what kind of refusal it is; HTTP is the API's business. */
const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, number> = {
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  'not-found': HttpStatus.NOT_FOUND,
};

function conflict(code: string, message: string): HttpErrorResponse {
  return { status: HttpStatus.CONFLICT, body: { statusCode: 409, error: code, message } };
}

function isBodyParseError(error: unknown): boolean {
  return (
    error instanceof SyntaxError && (error as { type?: string }).type === 'entity.parse.failed'
  );
}

/** What the JSON body parser refuses (http-errors with `expose`): too large, bad coding, etc. */
function bodyParserRefusal(error: unknown): HttpErrorResponse | undefined {
  const { status, type, expose, message } = (error ?? {}) as {
    status?: unknown;
    type?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (expose !== true || typeof status !== 'number' || status < 400 || status >= 500) {
    return undefined;
  }
  const known: Record<string, [string, string]> = {
    'entity.too.large': [
      'request.too-large',
      'The body is larger than the limit of 1 MB; send a smaller batch',
    ],
    'encoding.unsupported': [
      'request.unsupported-encoding',
      'This Content-Encoding is not supported: send the body uncompressed (identity)',
    ],
    'charset.unsupported': [
      'request.unsupported-charset',
      'This charset is not supported: send the body as UTF-8',
    ],
    'request.aborted': ['request.aborted', 'The request was aborted before its body arrived'],
    'request.size.invalid': ['request.size-invalid', 'The body is not as long as Content-Length'],
  };
  const [code, text] = known[String(type)] ?? [
    'request.invalid-body',
    `The body could not be read: ${String(message)}`,
  ];
  return { status, body: { statusCode: status, error: code, message: text } };
}
