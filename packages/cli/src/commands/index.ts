// The list of eda-oci commands, in the order `eda-oci --help` shows them. Each command lives in its own file.
import type { Command } from '../args.js';
import { buildCommand } from './build.js';
import { doctorCommand } from './doctor.js';
import { gcCommand } from './gc.js';
import { listCommand } from './list.js';
import { testCommand } from './test.js';
import { ociConfCommand } from './oci-conf.js';
import { planCommand } from './plan.js';
import { publishCommand } from './publish.js';
import { rollbackCommand } from './rollback.js';
import { smokeCommand } from './smoke.js';
import { submitCommand } from './submit.js';

export const COMMANDS: readonly Command[] = [
  buildCommand,
  testCommand,
  publishCommand,
  listCommand,
  rollbackCommand,
  gcCommand,
  ociConfCommand,
  submitCommand,
  smokeCommand,
  planCommand,
  doctorCommand,
];
