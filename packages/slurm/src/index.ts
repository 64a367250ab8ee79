// Public surface of @eda-oci/slurm: Slurm client (commands, job monitor, state model), container jobs
// (slurm-submit-container, eda-oci submit), oci.conf per Slurm release (generator, linter), version detection.
export * from './commands.js';
export * from './container-job.js';
export * from './errors.js';
export * from './monitor.js';
export * from './oci-conf.js';
export * from './output.js';
export * from './parse.js';
export * from './smoke-results.js';
export * from './states.js';
export * from './validate.js';
export * from './version.js';
