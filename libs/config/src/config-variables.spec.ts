import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DEFAULTS } from './app-config';
import { CONFIG_VARIABLES, configTableMarkdown } from './config-variables';

const ROOT = join(__dirname, '..', '..', '..');

/** Source files the running apps load: tests, test helpers and the web app are not settings. */
function appSources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      return ['node_modules', 'test', 'testing', 'web'].includes(entry) ? [] : appSources(path);
    }
    return /\.ts$/.test(entry) && !/\.(spec|e2e-spec)\.ts$/.test(entry) ? [path] : [];
  });
}

describe('the configuration table', () => {
  const names = CONFIG_VARIABLES.map((variable) => variable.name);

  it('is the one in README.md (run `npm run docs:config` after changing the variables)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(configTableMarkdown());
  });

  it('lists every variable with a default in libs/config, once', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const name of Object.keys(CONFIG_DEFAULTS)) expect(names).toContain(name);
  });

  it('lists every variable the apps and libraries read from the environment', () => {
    const read = new Set<string>();
    const pattern = /env(?:\.|\[')([A-Z][A-Z0-9_]+)|(?:read|number)\('([A-Z][A-Z0-9_]+)'/g;
    for (const file of [...appSources(join(ROOT, 'apps')), ...appSources(join(ROOT, 'libs'))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
        read.add(match[1] ?? match[2]);
      }
    }
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((name) => !names.includes(name))).toEqual([]);
  });
});
