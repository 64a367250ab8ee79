// Test helper: runs the CLI's main in-process as bin.ts does, with what it prints captured: its `out` (stdout) and
// process.stderr (errors, logs), each for this run only.
import { Writable } from 'node:stream';
import { vi } from 'vitest';
import { main } from '../../src/index.js';

/** What one in-process `eda-oci ARGV` run returned and printed. */
export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `eda-oci ARGV` in this process; stderr is captured (not shown) while it runs. */
export async function runMain(argv: string[]): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  const out = new Writable({
    write(chunk, _enc, cb) {
      stdout += String(chunk);
      cb();
    },
  });
  try {
    const code = await main(argv, out);
    return { code, stdout, stderr };
  } finally {
    spy.mockRestore();
  }
}
