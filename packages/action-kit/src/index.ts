// Public surface of @eda-oci/action-kit: the glue between GitHub Actions and the eda-oci library.
export * from './event-guard.js';
export * from './inputs.js';
export * from './logger.js';
export * from './run-main.js';
export * from './summary.js';
