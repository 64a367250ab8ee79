// Public surface of @eda-oci/oci: image -> bundle, runtime-spec generation, safe extraction, lockfile.
export * from './build.js';
export * from './extract/index.js';
export * from './fs-util.js';
export * from './image-user.js';
export * from './lockfile.js';
export * from './manifest.js';
export * from './runtime-spec.js';
export * from './subid.js';
export * from './layers.js';
export * from './runc/index.js';
