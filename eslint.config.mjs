import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import path from 'node:path';

const ROOT = import.meta.dirname;

/** Where a file lives: `apps/<name>` or `libs/<name>`, or undefined outside both. */
function unitOf(file) {
  const [top, name] = path.relative(ROOT, file).split(path.sep);
  return top === 'apps' || top === 'libs' ? { top, name } : undefined;
}

/**
 * Libraries never import apps, and no app imports another app: an app is a deployable that wires
 * libraries. Resolves relative imports against the importing file, so `../../api/src/…` from
 * apps/planner is caught as well as any path naming `apps/`.
 */
const boundaries = {
  rules: {
    'apps-and-libs': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const from = unitOf(context.filename);
        if (!from) return {};
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string') return;
          const target = spec.startsWith('.')
            ? unitOf(path.resolve(path.dirname(context.filename), spec))
            : /(^|\/)apps\//.test(spec)
              ? { top: 'apps', name: spec.split('apps/')[1].split('/')[0] }
              : undefined;
          if (!target || target.top !== 'apps') return;
          if (from.top === 'libs') {
            context.report({
              node: node.source,
              message: `Libraries never import from apps/ (${spec}): move what both need into a library.`,
            });
          } else if (target.name !== from.name) {
            context.report({
              node: node.source,
              message: `apps/${from.name} imports apps/${target.name} (${spec}): an app imports only libraries; move what both need into libs/.`,
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
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    plugins: { boundaries },
    rules: { 'boundaries/apps-and-libs': 'error' },
  },
);
