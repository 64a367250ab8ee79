// Public surface of @eda-oci/exec: the one way to run programs, plus the shared error types and logger.
export * from './errors.js';
export * from './logger.js';
export * from './run-command.js';
export * from './detached.js';
export * from './format.js';
export * from './progress.js';
export * from './yaml.js';
