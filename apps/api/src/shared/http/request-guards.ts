import { HttpException, HttpStatus, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { contentSecurityPolicy } from './content-security-policy';

/**
 * Largest request body accepted. The largest legitimate batch, a registration of 500 cylinders
 * with every field, is about 150 kB; a manifold fill of 10,000 serials (about 200 kB) still
 * reaches validation and is refused there by the 200-serial rule, not by this limit.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Deeper than any DTO of the api (a trip's stops' cylinders are 3 levels down). */
export const MAX_BODY_DEPTH = 8;

/**
 * Bodies are small JSON: no compressed request bodies (nor their decompression bombs); any
 * Content-Encoding but identity is a 415.
 */
const SUPPORTED_ENCODINGS = new Set(['identity']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What every request goes through before a controller sees it: security headers, and a body
 * and query that cannot make a 500 — too large (413), not JSON or an unknown coding (415), NUL
 * bytes, lone surrogates or nesting too deep (400 naming the field). Call before `app.init()`:
 * the JSON parser is registered here, so Nest's default one (100 kB) is not added.
 */
export function useRequestGuards(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  const policy = contentSecurityPolicy();
  express.use(
    helmet({
      // Written for the web app and Swagger UI in content-security-policy.ts
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  express.use((_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Content-Security-Policy', policy);
    next();
  });
  express.use(refuseUnsupportedBodies);
  express.useBodyParser('json', { limit: MAX_BODY_BYTES, type: isJsonContentType });
  express.use(refuseUnsafeValues);
}

function isJsonContentType(request: { headers: Record<string, unknown> }): boolean {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function isImageContentType(request: Request): boolean {
  return /^image\/[a-z0-9.+-]+$/.test(
    String(request.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase(),
  );
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

function refuseUnsupportedBodies(request: Request, _response: Response, next: NextFunction) {
  if (!BODY_METHODS.has(request.method) || !hasBody(request)) return next();
  const encodings = String(request.headers['content-encoding'] ?? 'identity')
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim());
  const unsupported = encodings.find((coding) => !SUPPORTED_ENCODINGS.has(coding));
  if (unsupported !== undefined) {
    return next(
      unsupportedMediaType(
        'request.unsupported-encoding',
        `Content-Encoding ${JSON.stringify(unsupported)} is not supported: send the body uncompressed (identity)`,
      ),
    );
  }
  // Images go to the one route that reads them raw (delivery proofs), which checks the type.
  if (!isJsonContentType(request) && !isImageContentType(request)) {
    return next(
      unsupportedMediaType(
        'request.unsupported-content-type',
        `Content-Type ${JSON.stringify(request.headers['content-type'] ?? '(none)')} is not ` +
          'supported: send the body as JSON with Content-Type: application/json',
      ),
    );
  }
  next();
}

function refuseUnsafeValues(request: Request, _response: Response, next: NextFunction) {
  const problem =
    findUnsafeValue(request.body, 'body') ??
    findUnsafeValue(request.query as unknown, 'query') ??
    findUnsafeValue(decodedPath(request.path), 'path');
  if (!problem) return next();
  next(
    new HttpException(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request is invalid',
        violations: [problem],
      },
      HttpStatus.BAD_REQUEST,
    ),
  );
}

/** The path as route parameters will see it; a malformed escape is itself unsafe. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '\u0000';
  }
}

export interface UnsafeValue {
  field: string;
  rule: 'depth' | 'noNulByte' | 'wellFormedUnicode';
  message: string;
}

/** The first NUL byte, lone surrogate or too-deep nesting in a parsed value, by its path. */
export function findUnsafeValue(value: unknown, root: string): UnsafeValue | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: root, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const rule = unsafeString(current);
      if (rule) return violation(fieldName(path, root), rule);
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      return violation(fieldName(path, root), {
        rule: 'depth',
        message: `is nested deeper than ${MAX_BODY_DEPTH} levels`,
      });
    }
    const entries = Array.isArray(current)
      ? current.map((item, index) => [`[${index}]`, item] as const)
      : Object.entries(current).map(([key, item]) => [`.${key}`, item] as const);
    for (const [step, item] of entries) {
      const keyRule = step.startsWith('.') ? unsafeString(step) : undefined;
      if (keyRule) return violation(fieldName(`${path}${step}`, root), keyRule);
      stack.push({ value: item, path: `${path}${step}`, depth: depth + 1 });
    }
  }
  return undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function violation(field: string, rule: Omit<UnsafeValue, 'field'>): UnsafeValue {
  return { field, rule: rule.rule, message: `${field} ${rule.message}` };
}

function unsafeString(value: string): Omit<UnsafeValue, 'field'> | undefined {
  if (value.includes('\u0000')) {
    return { rule: 'noNulByte', message: 'must not contain a NUL character (\\u0000)' };
  }
  if (LONE_SURROGATE.test(value)) {
    return {
      rule: 'wellFormedUnicode',
      message: 'must be well-formed Unicode (a lone surrogate such as \\ud800 is not)',
    };
  }
  return undefined;
}

function fieldName(path: string, root: string): string {
  if (root === 'path') return 'path';
  if (path === root) return root;
  const inner = path.slice(root.length).replace(/^\./, '');
  return root === 'query' ? `query.${inner}` : inner;
}

function unsupportedMediaType(code: string, message: string): HttpException {
  return new HttpException(
    { statusCode: 415, error: code, message },
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  );
}
