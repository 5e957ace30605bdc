import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Paths the api answers itself; everything else that looks like a page is the web app. */
const API_PATHS = /^\/(api|docs|docs-json|health|metrics)(\/|$)/;

/** Where `npm run build:web` writes the dashboard, unless `WEB_ROOT` says otherwise. */
export function defaultWebRoot(): string {
  return resolve(process.env.WEB_ROOT ?? join(process.cwd(), 'apps', 'web', 'dist'));
}

/**
 * Serves the built single-page app: its files as they are (hashed assets cached for a year) and
 * `index.html` for any other page address, so a reload of `/hospitals/x` opens the app there.
 * Without a build (the api's own tests) it serves nothing, and says so.
 */
export function serveWebApp(app: INestApplication, webRoot = defaultWebRoot()): boolean {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return false;
  const express = app as NestExpressApplication;
  express.useStaticAssets(join(webRoot, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
  });
  express.useStaticAssets(webRoot, { index: false, maxAge: 0 });
  express.use((request: PageRequest, response: PageResponse, next: () => void) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !API_PATHS.test(request.path) &&
      !/\.[a-z0-9]+$/i.test(request.path);
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}

interface PageRequest {
  method: string;
  path: string;
}
interface PageResponse {
  setHeader(name: string, value: string): void;
  sendFile(path: string): void;
}
