/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
    // ES-module-only packages (otplib's base32 and hash plugins, the OpenID client and
    // provider) compiled to CommonJS for jest's module registry; tsx and Node load them natively.
    '^.+\\.js$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@scure|@noble|openid-client|oauth4webapi|jose|oidc-provider)/)',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Two cores: one test file at a time per core keeps the shared Temporal server responsive.
  maxWorkers: 2,
  testTimeout: 90_000,
  verbose: true,
};
