// The fault-injection suite (npm run test:faults): its own private PostgreSQL and Redis, the
// compiled API and worker as child processes (build first), one test at a time. Kept out of
// jest.config.js so that npm test neither needs a build nor waits for it.
const { projects } = require('./jest.config');

const { globalSetup: _setup, globalTeardown: _teardown, ...e2e } = projects.find((p) => p.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 300_000,
  maxWorkers: 1,
};
