#!/usr/bin/env node
// Executable entry of the eda-oci command (bundled to packages/cli/dist/index.js).
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
