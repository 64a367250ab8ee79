// Public surface of @eda-oci/catalog: the bundle catalog (one YAML file per bundle), its schema, smoke cells and the
// git-based plan of what changed between two commits.
export * from './catalog.js';
export * from './plan.js';
export * from './schema.js';
export * from './smoke.js';
