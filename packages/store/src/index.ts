// Public surface of @eda-oci/store: the shared-filesystem bundle store (publish, list, rollback, gc) and its parts.
export * from './gc.js';
export * from './layout.js';
export * from './link-index.js';
export * from './lock.js';
export * from './maintenance.js';
export * from './publish.js';
export * from './slurm-use.js';
export * from './source.js';
export * from './tree.js';
export * from './versions.js';
