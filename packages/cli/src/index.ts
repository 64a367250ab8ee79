// Public surface of @eda-oci/cli (used by tests): the command dispatcher.
export { main, EXIT } from './main.js';
