// `npm test`: the web app's component tests (Vitest), then jest — unit, contract, end-to-end and
// browser tests (the browser tests drive the built web app, so it is built first). Arguments go
// to jest, e.g. CI's `npm test -- --json --outputFile=...`. Fails if any part fails.
import { spawnSync } from 'node:child_process';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

const vitest = run('npm', ['run', 'test:web']);
const build = run('npm', ['run', 'build:web']);
const jest = build === 0 ? run('npx', ['jest', '--runInBand', ...process.argv.slice(2)]) : build;
if (vitest !== 0) console.error('Vitest (apps/web) failed');
if (build !== 0) console.error('Building the web app failed: the browser tests did not run');
process.exit(jest || vitest);
