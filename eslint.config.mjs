// @ts-check
import eslint from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.tools/**',
      '.schemathesis/**',
      'dist/',
      'node_modules/',
      '.temporal/',
      '.data/',
      'coverage/',
      'test-output/',
      'bench/results/',
      'web/dist/',
      'web/src/api/schema.d.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      // Workflow code must be deterministic: no I/O, no clocks but the workflow's own.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'fs',
            'path',
            'pg',
            'kysely',
            '../activities/*',
            '../../activities/*',
            '../db/*',
            '../../db/*',
            '../read-model/*',
            '../../read-model/*',
          ],
        },
      ],
    },
  },
  {
    // The storage (schema, connection, migrations) knows nothing of the domain; the read model speaks it.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../domain', '../domain/*'],
              message: 'db/ is storage only: queries in domain terms go in read-model/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'pg',
                'kysely',
                '../db/*',
                '../../db/*',
                '../read-model/*',
                '../../read-model/*',
              ],
              message: 'workflows do no I/O',
            },
            {
              group: ['../activities', '../../activities', '../activities/*', '../../activities/*'],
              allowTypeImports: true,
              message: 'workflows import activity types only',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app runs in the browser and reaches the server only through the API.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'pg', 'kysely', '@temporalio/*'], message: 'the web app talks only to the API' },
            {
              group: [
                '**/api/routes/*',
                '**/db/*',
                '**/read-model/*',
                '**/activities/*',
                '**/workflows/*',
                '**/client/*',
              ],
              message: 'the web app shares only domain/ with the server',
            },
          ],
        },
      ],
    },
  },
);
