import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's own id is kept when it is this safe (it goes into logs and event metadata). */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const requests = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the HTTP request being handled, wherever in its call chain this is asked. */
export function currentRequestId(): string | undefined {
  return requests.getStore()?.requestId;
}

/**
 * Gives every request an id: the caller's `X-Request-Id` when it is well-formed, else a new UUID.
 * It is echoed in the response, becomes pino-http's `req.id` (every log line of the request) and
 * the correlation and causation ids of the events a command appends (`commandContext`).
 */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction) {
  const given = request.header(REQUEST_ID_HEADER);
  const requestId = given && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
  (request as Request & { id?: string }).id = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  requests.run({ requestId }, next);
}
