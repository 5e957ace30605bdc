import { HttpException, HttpStatus } from '@nestjs/common';

export type AuthenticationErrorCode =
  | 'auth.missing-token'
  | 'auth.invalid-token'
  | 'auth.token-expired'
  | 'auth.invalid-credentials'
  | 'auth.account-disabled'
  | 'auth.invalid-refresh-token'
  | 'auth.refresh-token-expired'
  | 'auth.refresh-token-reused'
  | 'auth.session-revoked'
  | 'auth.access-changed';

/** Who is calling is unknown or not believed: HTTP 401 `{ statusCode, error: code, message }`. */
export class AuthenticationError extends HttpException {
  readonly httpStatus = HttpStatus.UNAUTHORIZED;

  constructor(
    readonly code: AuthenticationErrorCode,
    message: string,
  ) {
    super({ statusCode: HttpStatus.UNAUTHORIZED, error: code, message }, HttpStatus.UNAUTHORIZED);
    this.name = 'AuthenticationError';
  }
}

/** A field breaks a rule the DTO cannot express (e.g. role/facility consistency): HTTP 400. */
export class InvalidFieldError extends HttpException {
  readonly httpStatus = HttpStatus.BAD_REQUEST;

  constructor(
    readonly violations: { field: string; rule: string; message: string }[],
    readonly code = 'request.invalid',
  ) {
    super(
      {
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'Bad Request',
        message: violations.map((violation) => violation.message).join('; '),
        violations,
      },
      HttpStatus.BAD_REQUEST,
    );
    this.name = 'InvalidFieldError';
  }
}

/** HTTP 409: the username is in use (regardless of case). */
export class UsernameTakenError extends HttpException {
  readonly httpStatus = HttpStatus.CONFLICT;
  readonly code = 'users.username-taken';

  constructor(readonly username: string) {
    super(
      {
        statusCode: HttpStatus.CONFLICT,
        error: 'users.username-taken',
        message: `Username ${username} is already taken (usernames are case-insensitive)`,
      },
      HttpStatus.CONFLICT,
    );
    this.name = 'UsernameTakenError';
  }
}

/** HTTP 404. */
export class UserNotFoundError extends HttpException {
  readonly httpStatus = HttpStatus.NOT_FOUND;
  readonly code = 'users.not-found';

  constructor(readonly userId: string) {
    super(
      { statusCode: HttpStatus.NOT_FOUND, error: 'users.not-found', message: `No user ${userId}` },
      HttpStatus.NOT_FOUND,
    );
    this.name = 'UserNotFoundError';
  }
}

/** HTTP 409: the change would leave the platform without an active admin. */
export class LastAdminError extends HttpException {
  readonly httpStatus = HttpStatus.CONFLICT;
  readonly code = 'users.last-admin';

  constructor() {
    super(
      {
        statusCode: HttpStatus.CONFLICT,
        error: 'users.last-admin',
        message:
          'This is the last active admin: make another user an active admin first, so that someone can still manage users',
      },
      HttpStatus.CONFLICT,
    );
    this.name = 'LastAdminError';
  }
}
