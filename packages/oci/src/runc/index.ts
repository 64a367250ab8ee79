// Public surface of the runc test runner: version policy, test spec, running tests, JUnit report.
export * from './junit.js';
export * from './run-tests.js';
export * from './tests.js';
export * from './version.js';
