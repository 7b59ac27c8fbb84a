import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

// The dependency rule of docs/ARCHITECTURE.md: imports point down the layer list, never up.
const layer = (dir, forbidden) => ({
  files: [`src/${dir}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((target) => ({
          group: [`**/${target}/**`, `**/${target}`, `**/${target}.js`, `**/${target}.ts`],
          message: `src/${dir} may not import src/${target} (see docs/ARCHITECTURE.md, dependency rule).`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'vigil-data/**', 'coverage/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  layer('core', ['app', 'db', 'crypto', 'extract', 'http', 'cli', 'config']),
  layer('app', ['db', 'crypto', 'extract', 'http', 'cli', 'config']),
  layer('db', ['app', 'crypto', 'extract', 'http', 'cli', 'config']),
  layer('crypto', ['app', 'db', 'extract', 'http', 'cli', 'config']),
  layer('extract', ['app', 'db', 'crypto', 'http', 'cli', 'config']),
  layer('http', ['cli']),
  // cli may start the http server (vigil serve); http never imports cli.
  // web/: a browser app (React) that talks to the server over HTTP only. It may import TYPES
  // from src/ (the shared request/response schemas), never runtime server code.
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**'],
              allowTypeImports: true,
              message: 'web/ may import only types from src/ (import type …): the browser talks to the server over HTTP.',
            },
          ],
        },
      ],
    },
  },
);
