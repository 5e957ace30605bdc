import { type Transferable, Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running the module `entry` (a `__filename`) with `data` as its
 * `workerData.data`. Compiled code (`.js`, e.g. under `dist/`) is required as it is; TypeScript
 * sources (under ts-node or jest's ts-jest, whose loaders a new thread does not inherit) are
 * compiled in the thread by ts-node, with the repository's path mapping — so the same call works
 * from `node dist/...`, `ts-node` and jest.
 */
export function startWorker(
  entry: string,
  data: unknown,
  transferList: readonly Transferable[] = [],
): Worker {
  const typescript = entry.endsWith('.ts');
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: {
      entry,
      data,
      // resolved here, where the caller's module paths are known, not from the thread's cwd
      tsNode: typescript ? require.resolve('ts-node') : undefined,
      tsconfigPaths: typescript ? require.resolve('tsconfig-paths/register') : undefined,
    },
    transferList: [...transferList],
  });
}

/** The thread's first code: a loader for TypeScript when needed, then the entry module. */
const BOOTSTRAP = `
  const { workerData } = require('node:worker_threads');
  if (workerData.tsNode && !require.extensions['.ts']) {
    require(workerData.tsNode).register({ transpileOnly: true });
    require(workerData.tsconfigPaths);
  }
  require(workerData.entry);
`;
