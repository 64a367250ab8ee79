// Names of the values main.ts saves for post.ts (GITHUB_STATE / STATE_*).
export const STATE_ROOT = 'runc-root';
export const STATE_ROOT_PRIVATE = 'runc-root-private';
export const STATE_RUNC = 'runc';
export const STATE_PREFIX = 'container-prefix';
export const STATE_TEMP = 'temp-bundles';
