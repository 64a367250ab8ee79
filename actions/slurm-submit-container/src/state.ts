// Names of the values main.ts saves for post.ts (GITHUB_STATE / STATE_*).
export const STATE_JOB_IDS = 'job-ids';
export const STATE_CANCEL = 'cancel-on-abort';
