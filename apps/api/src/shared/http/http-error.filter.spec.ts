import {
  type ArgumentsHost,
  Logger,
  BadRequestException,
  HttpException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { tooManyLoginAttempts } from '../../access/access.guards';
import { HttpErrorFilter } from './http-error.filter';

/** What a client is told: status and `Retry-After`, for each kind of refusal or failure. */
function answer(error: unknown): { status: number; retryAfter: string | undefined } {
  const headers = new Map<string, string>();
  let status = 0;
  const response = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    status: (code: number) => {
      status = code;
      return response;
    },
    json: () => response,
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as ArgumentsHost;
  new HttpErrorFilter().catch(error, host);
  return { status, retryAfter: headers.get('retry-after') };
}

describe('HttpErrorFilter: Retry-After', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('is on every 429, with the throttle’s own wait when it has one', () => {
    expect(answer(tooManyLoginAttempts('from this address', 42))).toEqual({
      status: 429,
      retryAfter: '42',
    });
    expect(answer(new HttpException('slow down', 429))).toEqual({ status: 429, retryAfter: '1' });
  });

  it('is on every 503 and 5xx, known or not', () => {
    expect(answer(new ServiceUnavailableException('Redis is away'))).toEqual({
      status: 503,
      retryAfter: '1',
    });
    expect(answer(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toEqual({
      status: 503,
      retryAfter: '2',
    });
    expect(answer(new Error('bug'))).toEqual({ status: 500, retryAfter: '1' });
    expect(answer(new HttpException('bad gateway', 502))).toEqual({
      status: 502,
      retryAfter: '1',
    });
  });

  it('is not on a 4xx refusal a retry would not mend', () => {
    expect(answer(new BadRequestException('no'))).toEqual({ status: 400, retryAfter: undefined });
  });
});
