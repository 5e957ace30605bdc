import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type Transferable, Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running the module `entry` (a `__filename`) with `data` as its
 * `workerData.data`. Compiled code (`.js`, e.g. under `dist/`) is required as it is. A TypeScript
 * entry (under ts-node or jest, whose loaders a new thread does not inherit) is first compiled
 * here, once per content, with the modules it imports by relative path (`compiledModules`): the
 * thread receives plain JavaScript and loads no compiler, so it starts in milliseconds rather
 * than the seconds ts-node takes to load TypeScript in every thread. Sources reached through the
 * repository's path aliases (`@oxyledger/…`) are compiled with it where the calling thread
 * resolves them (ts-node with tsconfig-paths); packages are required by the thread as they are.
 */
export function startWorker(
  entry: string,
  data: unknown,
  transferList: readonly Transferable[] = [],
): Worker {
  const compiled = entry.endsWith('.ts') ? compiledModules(entry) : undefined;
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { entry, data, compiled },
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
  const { modules, aliases } = workerData.compiled ?? {};
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
        if (!specifier.startsWith('.')) return aliases[file]?.[specifier];
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

/** JavaScript by source path, and per source the aliased imports that lead to other sources. */
export interface CompiledModules {
  modules: Record<string, string>;
  aliases: Record<string, Record<string, string>>;
}

const compiled = new Map<string, CompiledModules>();

/**
 * The JavaScript of `entry` and of every TypeScript module it reaches by import, by source path.
 * Kept per process and on disk under the temporary folder, keyed by the sources' content, so the
 * TypeScript compiler is loaded only when a source has changed since the last compilation.
 */
export function compiledModules(entry: string): CompiledModules {
  const { sources, aliases } = reachableSources(entry);
  const hash = createHash('sha256').update(COMPILE_VERSION);
  for (const [file, source] of sources) hash.update(`\0${file}\0${source}`);
  const key = hash.digest('hex').slice(0, 32);
  const known = compiled.get(key);
  if (known) return known;
  const cacheFile = join(tmpdir(), 'oxyledger-worker-code', `${key}.json`);
  let modules: CompiledModules | undefined;
  try {
    modules = JSON.parse(readFileSync(cacheFile, 'utf8')) as CompiledModules;
  } catch {
    modules = { modules: transpiled(sources), aliases };
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
const COMPILE_VERSION = 'cjs-es2022-2';

/**
 * The entry and every `.ts` module it imports, transitively, with their text: by relative path,
 * or by a specifier the calling thread resolves to a `.ts` file (a path alias).
 */
function reachableSources(entry: string): {
  sources: Map<string, string>;
  aliases: Record<string, Record<string, string>>;
} {
  const sources = new Map<string, string>();
  const aliases: Record<string, Record<string, string>> = {};
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (sources.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    sources.set(file, source);
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      let target: string | undefined;
      if (specifier.startsWith('.')) {
        target = sourceFile(resolve(dirname(file), specifier));
      } else if (!isBuiltin(specifier)) {
        target = aliasedSource(file, specifier);
        if (target) (aliases[file] ??= {})[specifier] = target;
      }
      if (target && !sources.has(target)) pending.push(target);
    }
  }
  return { sources, aliases };
}

/** `from 'x'`, `import 'x'`, `require('x')` (type-only imports too: harmless extras). */
const IMPORT = /(?:from|import)\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function aliasedSource(file: string, specifier: string): string | undefined {
  try {
    const target = createRequire(file).resolve(specifier);
    return target.endsWith('.ts') ? target : undefined;
  } catch {
    return undefined; // left for the thread to require
  }
}

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
