import createClient from 'openapi-fetch';
import { getSession, setSession } from '../auth/session';
import type { paths } from './schema';

/** One refresh at a time: parallel requests that all met an expired token wait for it. */
let refreshing: Promise<boolean> | null = null;

async function refreshTokens(): Promise<boolean> {
  const session = getSession();
  if (!session) return false;
  const response = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  });
  if (!response.ok) {
    setSession(null);
    return false;
  }
  const tokens = (await response.json()) as { accessToken: string; refreshToken: string };
  setSession({ ...session, ...tokens });
  return true;
}

export function refreshOnce(): Promise<boolean> {
  refreshing ??= refreshTokens().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** fetch with the access token; on a 401 it refreshes the tokens once and tries again. */
export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const withToken = (request: Request) => {
    const token = getSession()?.accessToken;
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  };
  const response = await fetch(withToken(input));
  if (response.status !== 401 || !getSession()) return response;
  return (await refreshOnce()) ? fetch(withToken(retry)) : response;
}

export const api = createClient<paths>({ baseUrl: '', fetch: authFetch });

/** The api's error body: `{ statusCode, error, message, violations? }`. */
export interface ApiError {
  statusCode?: number;
  error?: string;
  message?: string | string[];
  violations?: { field: string; rule?: string; message?: string }[];
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(describeApiError(status, body));
  }
}

export function describeApiError(status: number, body: ApiError | undefined): string {
  const message = Array.isArray(body?.message) ? body.message.join('; ') : body?.message;
  const fields = body?.violations?.map((v) => `${v.field}: ${v.message ?? v.rule}`).join('; ');
  return [message ?? `HTTP ${status}`, fields].filter(Boolean).join(' — ');
}

/** Unwraps an openapi-fetch result: the data, or an `ApiRequestError` naming the rule. */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiRequestError(response.status, error as ApiError | undefined);
  return data as T;
}

/**
 * A GET of an operation the OpenAPI document does not describe a response for yet: typed by
 * the caller (see `views.ts`).
 */
export async function getJson<T>(path: string, query: Record<string, unknown> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.size > 0 ? `?${params}` : '';
  const response = await authFetch(new Request(`/api/v1${path}${search}`));
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new ApiRequestError(response.status, body as ApiError);
  return body as T;
}

export async function postJson<T>(path: string, body: unknown, method = 'POST'): Promise<T> {
  const response = await authFetch(
    new Request(`/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(body ?? {}),
    }),
  );
  const answer = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new ApiRequestError(response.status, answer as ApiError);
  return answer as T;
}

/** The api's largest page (`MAX_PAGE_SIZE` of the network rules). */
export const MAX_PAGE_SIZE = 200;

/**
 * Every item of a paged list: the first page, then the rest in parallel. A country has more
 * hospitals than one page holds, and a map or a risk table showing the first 200 would be
 * silently wrong.
 */
export async function getAllPages<T>(
  getPage: (page: number, pageSize: number) => Promise<{ items: T[]; total?: number }>,
): Promise<T[]> {
  const first = await getPage(1, MAX_PAGE_SIZE);
  const pages = Math.ceil((first.total ?? first.items.length) / MAX_PAGE_SIZE);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, index) => getPage(index + 2, MAX_PAGE_SIZE)),
  );
  return [first, ...rest].flatMap((page) => page.items);
}
