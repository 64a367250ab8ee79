// Public surface of @eda-oci/slurm: oci.conf per Slurm release (generator, linter), version detection.
export * from './oci-conf.js';
export * from './version.js';
