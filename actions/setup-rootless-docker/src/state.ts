// Names of the values main.ts saves for post.ts (GITHUB_STATE / STATE_*).
export const STATE_DAEMON = 'daemon';
export const STATE_KEEP_RUNNING = 'keep-running';
