// Public surface of @eda-oci/docker: the docker CLI client and image-reference grammar.
export * from './client.js';
export * from './reference.js';
