import { parseArgs } from 'node:util';
import { formatCvrplibSolution, solveRouting, solveRoutingInWorkers } from '@oxyledger/routing';
import { checkRoutingSolution } from '@oxyledger/routing';
import { readBenchmarkInstance } from '@oxyledger/routing';

/**
 * `npm run solve -- <instance> [--time-limit <s>] [--seed <n>] [--threads <n>]`: solves a
 * benchmark instance (CVRPLIB `.vrp`, LKH-3 `.vrpspd`, Solomon or Cordeau `.txt`) — on this
 * thread, or with `--threads` on that many worker threads trading their best solutions —
 * checks the plan with the independent checker, and prints it in CVRPLIB `.sol` form, customers
 * numbered as in the file.
 */
async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'time-limit': { type: 'string' },
      seed: { type: 'string' },
      threads: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) {
    console.error(
      'Usage: npm run solve -- <instance> [--time-limit <seconds>] [--seed <n>] [--threads <n>]',
    );
    return 2;
  }
  for (const flag of ['time-limit', 'seed', 'threads'] as const) {
    const value = values[flag];
    if (value !== undefined && !(Number(value) >= 0)) {
      console.error(`--${flag} must be a number, 0 or more; got '${value}'`);
      return 2;
    }
  }
  const instance = readBenchmarkInstance(file);
  const options = {
    timeLimitMs: Number(values['time-limit'] ?? 5) * 1000,
    ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
  };
  const { solution } =
    values.threads === undefined
      ? solveRouting(instance.problem, options)
      : await solveRoutingInWorkers(instance.problem, {
          ...options,
          threads: Number(values.threads),
        });
  const number = (customer: number) => instance.customerNumbers[customer];
  const check = checkRoutingSolution(instance.problem, solution, {
    customerName: (customer) => `customer ${number(customer)}`,
  });
  if (!check.feasible) {
    console.error(`The solution breaks the instance's rules:\n${check.violations.join('\n')}`);
    return 1;
  }
  const routes = solution.routes
    .filter((route) => route.customers.length > 0)
    .map((route) => route.customers.map(number));
  const cost = Number((check.cost / instance.costScale).toFixed(4));
  process.stdout.write(formatCvrplibSolution({ routes, cost }));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
