import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type Transferable, Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running the module `entry` (a `__filename`) with `data` as its
 * `workerData.data`. Compiled code (`.js`, e.g. under `dist/`) is required as it is. A TypeScript
 * entry (under ts-node or jest, whose loaders a new thread does not inherit) is first compiled
 * here, once per content, with the modules it imports by relative path (`compiledModules`): the
 * thread receives plain JavaScript and loads no compiler, so it starts in milliseconds rather
 * than the seconds ts-node takes to load TypeScript in every thread. Such an entry may import
 * node's modules and packages, and its own code by relative path only (no path aliases).
 */
export function startWorker(
  entry: string,
  data: unknown,
  transferList: readonly Transferable[] = [],
): Worker {
  const modules = entry.endsWith('.ts') ? compiledModules(entry) : undefined;
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { entry, data, modules },
    transferList: [...transferList],
  });
}

/**
 * The thread's first code: the entry as it is, or the compiled modules, each run as a CommonJS
 * module under its source's name (so stack traces name the `.ts` file).
 */
const BOOTSTRAP = `
  const { workerData } = require('node:worker_threads');
  const { createRequire } = require('node:module');
  const { dirname, resolve } = require('node:path');
  const { compileFunction } = require('node:vm');
  const modules = workerData.modules;
  if (!modules) {
    require(workerData.entry);
  } else {
    const loaded = new Map();
    const load = (file) => {
      if (loaded.has(file)) return loaded.get(file).exports;
      const module = { exports: {} };
      loaded.set(file, module);
      const folder = dirname(file);
      const outside = createRequire(file);
      const bundled = (specifier) => {
        if (!specifier.startsWith('.')) return undefined;
        const base = resolve(folder, specifier);
        return [base + '.ts', base + '/index.ts'].find((candidate) => candidate in modules);
      };
      const local = (specifier) => {
        const file = bundled(specifier);
        return file ? load(file) : outside(specifier);
      };
      local.resolve = (specifier) => bundled(specifier) ?? outside.resolve(specifier);
      local.cache = outside.cache;
      local.extensions = outside.extensions;
      const parameters = ['exports', 'require', 'module', '__filename', '__dirname'];
      compileFunction(modules[file], parameters, { filename: file })
        .call(module.exports, module.exports, local, module, file, folder);
      return module.exports;
    };
    load(workerData.entry);
  }
`;

const compiled = new Map<string, Record<string, string>>();

/**
 * The JavaScript of `entry` and of every module it reaches by relative import, by source path.
 * Kept per process and on disk under the temporary folder, keyed by the sources' content, so the
 * TypeScript compiler is loaded only when a source has changed since the last compilation.
 */
export function compiledModules(entry: string): Record<string, string> {
  const sources = reachableSources(entry);
  const hash = createHash('sha256').update(COMPILE_VERSION);
  for (const [file, source] of sources) hash.update(`\0${file}\0${source}`);
  const key = hash.digest('hex').slice(0, 32);
  const known = compiled.get(key);
  if (known) return known;
  const cacheFile = join(tmpdir(), 'oxyledger-worker-code', `${key}.json`);
  let modules: Record<string, string> | undefined;
  try {
    modules = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
  } catch {
    modules = transpiled(sources);
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      // written whole under another name first: a process reading it never sees half a file
      const partial = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(partial, JSON.stringify(modules));
      renameSync(partial, cacheFile);
    } catch {
      // an unwritable temporary folder only costs the next process a compilation
    }
  }
  compiled.set(key, modules);
  return modules;
}

/** Bumped when the compilation below changes, so no cached output of an older one is used. */
const COMPILE_VERSION = 'cjs-es2022-1';

/** The entry and every `.ts` module it imports by relative path, transitively, with their text. */
function reachableSources(entry: string): Map<string, string> {
  const sources = new Map<string, string>();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (sources.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    sources.set(file, source);
    for (const match of source.matchAll(RELATIVE_IMPORT)) {
      const target = sourceFile(resolve(dirname(file), match[1] ?? match[2]));
      if (target && !sources.has(target)) pending.push(target);
    }
  }
  return sources;
}

/** `from './x'`, `import './x'`, `require('./x')` (type-only imports too: harmless extras). */
const RELATIVE_IMPORT = /(?:from|import)\s*['"](\.[^'"]*)['"]|require\(\s*['"](\.[^'"]*)['"]\s*\)/g;

function sourceFile(base: string): string | undefined {
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

function transpiled(sources: Map<string, string>): Record<string, string> {
  // loaded only on a cache miss: it is what makes compiling in every thread slow
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const modules: Record<string, string> = {};
  for (const [file, source] of sources) {
    modules[file] = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        removeComments: true,
      },
    }).outputText;
  }
  return modules;
}
