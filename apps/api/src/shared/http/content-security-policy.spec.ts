import { ConfigError } from '@oxyledger/config';
import { contentSecurityPolicy, tileOrigin } from './content-security-policy';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('the Content-Security-Policy', () => {
  it('runs scripts from the app only, never inline, and allows no plugin or framing elsewhere', () => {
    const policy = contentSecurityPolicy({});
    expect(directive(policy, 'default-src')).toEqual(["'self'"]);
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'self'"]);
    expect(directive(policy, 'img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('lets the map load tiles from the configured server only', () => {
    const policy = contentSecurityPolicy({
      VITE_MAP_TILE_URL: 'https://{s}.Tiles.example:8443/{z}/{x}/{y}.png',
    });
    expect(directive(policy, 'img-src')).toEqual([
      "'self'",
      'data:',
      'blob:',
      'https://*.tiles.example:8443',
    ]);
    expect(tileOrigin('http://tiles.example/{z}/{x}/{y}.png')).toBe('http://tiles.example');
    expect(tileOrigin('  ')).toBeUndefined();
  });

  it('refuses a tile URL that is not an http(s) template, naming the variable', () => {
    for (const bad of [
      'javascript:alert(1)',
      'tiles.example/{z}',
      'https://a.example; script-src *',
    ]) {
      expect(() => tileOrigin(bad)).toThrow(ConfigError);
      expect(() => tileOrigin(bad)).toThrow(/VITE_MAP_TILE_URL/);
    }
  });
});
