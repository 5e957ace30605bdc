import { ConfigError } from '@oxyledger/config';

/**
 * The Content-Security-Policy of everything the api serves: the web app (dashboard and phone
 * app), Swagger UI at /docs, and the JSON answers. Scripts only from the app's own origin, never
 * inline; besides:
 * - `'wasm-unsafe-eval'`: the barcode scanner compiles its bundled zxing WebAssembly module (it
 *   evaluates no JavaScript);
 * - styles `'unsafe-inline'`: Mantine writes its theme's CSS variables in `<style>` elements at
 *   run time and Swagger UI's page carries inline `<style>`; a style cannot run code;
 * - images `data:` and `blob:`: Leaflet's and Swagger UI's icons, and previews of a delivery's
 *   photo and signature before upload;
 * - the map's tile server, when `VITE_MAP_TILE_URL` names one (the same setting the web app is
 *   built with).
 * No `upgrade-insecure-requests`: behind TLS, HSTS does that; on plain http (a laptop, the tests)
 * it would send every asset to an https port that does not exist.
 */
export function contentSecurityPolicy(env: NodeJS.ProcessEnv = process.env): string {
  const tiles = tileOrigin(env.VITE_MAP_TILE_URL);
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'"],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'self'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/**
 * The origin of a Leaflet tile URL template, as a CSP source: `https://{s}.tile.example/{z}/…`
 * gives `https://*.tile.example`.
 */
export function tileOrigin(template: string | undefined): string | undefined {
  const value = template?.trim();
  if (!value) return undefined;
  const match = /^(https?):\/\/([^/?#]+)/i.exec(value);
  const host = match?.[2].replace(/\{s\}/g, '*');
  if (!match || !host || !/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(host)) {
    throw new ConfigError([
      `VITE_MAP_TILE_URL=${JSON.stringify(value)}: must be an http(s) URL template, e.g. https://{s}.tile.example/{z}/{x}/{y}.png`,
    ]);
  }
  return `${match[1].toLowerCase()}://${host.toLowerCase()}`;
}
