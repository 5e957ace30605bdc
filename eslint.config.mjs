import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import path from 'node:path';

const ROOT = import.meta.dirname;

/** Where a file lives: `apps/<name>`, `libs/<name>` or `bench/<name>`, or undefined elsewhere. */
function unitOf(file) {
  const [top, name] = path.relative(ROOT, file).split(path.sep);
  return top === 'apps' || top === 'libs' || top === 'bench' ? { top, name } : undefined;
}

/** What an import names: a file under apps/, libs/ or bench/, relative or by a path naming it. */
function targetOf(spec, importer) {
  if (spec.startsWith('.')) return unitOf(path.resolve(path.dirname(importer), spec));
  const named = /(^|\/)(apps|bench)\/([^/]+)/.exec(spec);
  return named ? { top: named[2], name: named[3] } : undefined;
}

/**
 * Libraries never import apps or benches, and no app imports another app or a bench: an app is
 * a deployable that wires libraries. The folders listed in `mayImportApps` (the benches, which
 * start the apps they measure) may import any app. Resolves relative imports against the
 * importing file, so `../../api/src/…` from apps/planner is caught as well as any path naming
 * `apps/` or `bench/`.
 */
const boundaries = {
  rules: {
    'apps-and-libs': {
      meta: {
        type: 'problem',
        schema: [
          {
            type: 'object',
            properties: { mayImportApps: { type: 'array', items: { type: 'string' } } },
            additionalProperties: false,
          },
        ],
      },
      create(context) {
        const from = unitOf(context.filename);
        if (!from) return {};
        const mayImportApps = context.options[0]?.mayImportApps ?? [];
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string') return;
          const target = targetOf(spec, context.filename);
          if (!target) return;
          if (target.top === 'bench') {
            if (from.top !== 'bench') {
              context.report({
                node: node.source,
                message: `${from.top}/${from.name} imports a bench (${spec}): benches drive the code, never the other way round.`,
              });
            }
            return;
          }
          if (target.top !== 'apps' || mayImportApps.includes(from.top)) return;
          if (from.top === 'libs') {
            context.report({
              node: node.source,
              message: `Libraries never import from apps/ (${spec}): move what both need into a library.`,
            });
          } else if (from.top !== 'apps' || target.name !== from.name) {
            context.report({
              node: node.source,
              message: `${from.top}/${from.name} imports apps/${target.name} (${spec}): an app imports only libraries; move what both need into libs/.`,
            });
          }
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      '**/*.js',
      '**/*.mjs',
      'apps/web/dist/**',
      'apps/web/test-output/**',
      'apps/web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'No focused tests.',
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'bench/**/*.ts'],
    plugins: { boundaries },
    // benches start the apps they measure (the api in-process, its demo seed): they may import them
    rules: { 'boundaries/apps-and-libs': ['error', { mayImportApps: ['bench'] }] },
  },
);
