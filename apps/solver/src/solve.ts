import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  checkCvrpSolution,
  formatCvrplibSolution,
  parseCvrplib,
  solveCvrp,
} from '@oxyledger/routing';

/**
 * `npm run solve -- <instance.vrp> [--time-limit <s>] [--seed <n>]`: solves a CVRPLIB instance
 * and prints the solution in CVRPLIB `.sol` form. Today's solver is the savings construction
 * with 2-opt: deterministic and fast, so the time limit and seed do not change its answer yet.
 */
function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'time-limit': { type: 'string' }, seed: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    console.error('Usage: npm run solve -- <instance.vrp> [--time-limit <seconds>] [--seed <n>]');
    return 2;
  }
  for (const flag of ['time-limit', 'seed'] as const) {
    const value = values[flag];
    if (value !== undefined && !(Number(value) >= 0)) {
      console.error(`--${flag} must be a number, 0 or more; got '${value}'`);
      return 2;
    }
  }
  const instance = parseCvrplib(readFileSync(file, 'utf8'), file);
  const solution = solveCvrp(instance);
  const check = checkCvrpSolution(instance, { ...solution });
  if (!check.feasible) {
    console.error(`The solution breaks the instance's rules: ${check.violations.join('; ')}`);
    return 1;
  }
  process.stdout.write(formatCvrplibSolution(solution));
  return 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
