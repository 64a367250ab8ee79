// Rootless Docker for the current user: prerequisite checks (eda-oci doctor) and daemon set-up/teardown.
export * from './checks.js';
export * from './daemon.js';
