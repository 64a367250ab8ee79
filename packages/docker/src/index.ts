// Public surface of @eda-oci/docker: the docker CLI client, image-reference grammar and rootless daemon set-up.
export * from './client.js';
export * from './reference.js';
export * from './rootless/index.js';
