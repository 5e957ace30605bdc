import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './start-worker';

/** What the fixture entry posts back: a value computed through its imports, and what it saw. */
interface Reply {
  value: number;
  data: unknown;
  typescriptLoaded: boolean;
  tsLoaderRegistered: boolean;
  filename: string;
  stack: string;
}

function reply(worker: Worker): Promise<Reply> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => worker.terminate()) as Promise<Reply>;
}

describe('startWorker with a TypeScript entry', () => {
  let folder: string;
  let entry: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'start-worker-'));
    entry = join(folder, 'entry.ts');
    writeFileSync(
      entry,
      `import { parentPort, workerData } from 'node:worker_threads';
       import { triple } from './maths/triple';
       import type { Unused } from './maths';
       const typed: number = triple(Number(workerData.data.base));
       parentPort!.postMessage({
         value: typed,
         data: workerData.data,
         typescriptLoaded: Object.keys(require.cache).some((file) => file.includes('/typescript/')),
         tsLoaderRegistered: require.extensions['.ts'] !== undefined,
         filename: __filename,
         stack: new Error('here').stack,
       });
       export type Again = Unused;`,
    );
    writeFileSync(join(folder, 'maths.ts'), 'export type Unused = string;');
    writeFileSync(join(folder, 'factor.ts'), 'export const FACTOR: number = 3;');
    mkdirSync(join(folder, 'maths'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function writeTriple(factorImport: string): void {
    writeFileSync(
      join(folder, 'maths', 'triple.ts'),
      `${factorImport}
       export function triple(x: number): number { return x * FACTOR; }`,
    );
  }

  it('runs the entry and the modules it imports by relative path, without a compiler in the thread', async () => {
    writeTriple(`import { FACTOR } from '../factor';`);
    const answer = await reply(startWorker(entry, { base: 7 }));
    expect(answer.value).toBe(21);
    expect(answer.data).toEqual({ base: 7 });
    expect(answer.typescriptLoaded).toBe(false);
    expect(answer.tsLoaderRegistered).toBe(false);
    // the module runs under its source's name, so stack traces point at the .ts file
    expect(answer.filename).toBe(entry);
    expect(answer.stack).toContain(entry);
  });

  it('compiles again when an imported source changes, not from a stale cache', async () => {
    writeTriple(`import { FACTOR } from '../factor';`);
    expect((await reply(startWorker(entry, { base: 2 }))).value).toBe(6);
    writeTriple(`const FACTOR = 5;`);
    expect((await reply(startWorker(entry, { base: 2 }))).value).toBe(10);
  });

  it('compiles a TypeScript source reached by a specifier the caller resolves, as a path alias is', async () => {
    // a package whose main is TypeScript stands for a path alias (tsconfig-paths resolves those)
    const lib = join(folder, 'node_modules', 'aliased-factor');
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(lib, 'package.json'), '{ "name": "aliased-factor", "main": "index.ts" }');
    writeFileSync(join(lib, 'index.ts'), 'export const FACTOR: number = 4;');
    writeTriple(`import { FACTOR } from 'aliased-factor';`);
    const answer = await reply(startWorker(entry, { base: 2 }));
    expect(answer.value).toBe(8);
    expect(answer.tsLoaderRegistered).toBe(false);
  });

  it('reports an error thrown by the entry as the worker error', async () => {
    writeTriple(`const FACTOR = (() => { throw new Error('no factor'); })();`);
    await expect(reply(startWorker(entry, { base: 2 }))).rejects.toThrow('no factor');
  });
});
