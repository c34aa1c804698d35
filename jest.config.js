/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // jose, openid-client and content-disposition (for @fastify/static) ship only as ES modules; swc turns them into CommonJS for jest, as it does our TypeScript.
  transform: { '^.+\\.(ts|js)$': ['@swc/jest'] },
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|openid-client|oauth4webapi|content-disposition|@seriousme/openapi-schema-validator)/)',
  ],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/quiet-runtime.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Each test file starts its own Temporal servers and workers; two cores hold two files at once.
  maxWorkers: 2,
  testTimeout: 120_000,
};
