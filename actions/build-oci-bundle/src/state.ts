// Names of the values main.ts saves for post.ts (GITHUB_STATE / STATE_*).
export const STATE_CONTAINER = 'container-id';
export const STATE_STAGING = 'staging-dir';
export const STATE_DOCKER_HOST = 'docker-host';
