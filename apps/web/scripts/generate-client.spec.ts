import { spawnSync } from 'node:child_process';

/** CI fails when an endpoint or DTO changed and the web client was not regenerated. */
describe('the web app’s API client', () => {
  it('is generated from the api as it is today (npm run generate:client)', () => {
    // a child process: openapi-typescript loads ES modules that jest's CommonJS runtime cannot
    const check = spawnSync('npm', ['run', '--silent', 'generate:client', '--', '--check'], {
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
