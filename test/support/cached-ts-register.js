/**
 * `node -r ./test/support/cached-ts-register.js -r tsconfig-paths/register entry.ts`: runs
 * TypeScript as `ts-node/register/transpile-only` does (each file transpiled alone with the
 * repository's compiler options), but keeps each file's JavaScript under the temporary folder,
 * keyed by its path and content. A child process a test starts again and again then loads no
 * compiler at all once its sources are cached — ts-node loads TypeScript and transpiles every
 * file in every process, seconds of CPU that made child start-up tight on a loaded machine.
 * Plain JavaScript (not TypeScript) so that it needs no compilation itself.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const TSCONFIG = join(ROOT, 'tsconfig.json');
const CACHE = join(tmpdir(), 'oxyledger-ts-cache');
// the compiler options come from tsconfig.json: a change there must miss every cached file
const VERSION = createHash('sha256')
  .update('cached-ts-register-1\0')
  .update(readFileSync(TSCONFIG))
  .digest('hex');

let compile;

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha256')
    .update(`${VERSION}\0${filename}\0${source}`)
    .digest('hex')
    .slice(0, 40);
  const cached = join(CACHE, `${key}.js`);
  let code;
  try {
    code = readFileSync(cached, 'utf8');
  } catch {
    compile ??= compiler();
    code = compile(source, filename);
    try {
      mkdirSync(CACHE, { recursive: true });
      // written whole under another name first: a process reading it never sees half a file
      const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(partial, code);
      renameSync(partial, cached);
    } catch {
      // an unwritable temporary folder only costs the next process a compilation
    }
  }
  module._compile(code, filename);
};

/** TypeScript's transpileModule with tsconfig.json's options, loaded on the first cache miss. */
function compiler() {
  const ts = require('typescript');
  const { config } = ts.readConfigFile(TSCONFIG, ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, dirname(TSCONFIG));
  const compilerOptions = {
    ...options,
    module: ts.ModuleKind.CommonJS,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    declaration: false,
    incremental: false,
    noEmit: false,
  };
  delete compilerOptions.outDir;
  delete compilerOptions.tsBuildInfoFile;
  return (source, fileName) => ts.transpileModule(source, { fileName, compilerOptions }).outputText;
}
