// Following a job's output while it runs: new complete lines of the sbatch output file (or of srun's pipes), the
// eda-oci verification line taken out, and a bounded tail kept for the summary.
import { open, type FileHandle } from 'node:fs/promises';

/** Prefix of the line a job prints first when eda-oci verifies that it runs inside the bundle. */
export const VERIFY_PREFIX = 'eda-oci-verify:';

/** Collects lines: forwards them (except verification lines), keeps the last `tailLines`, records the bundle ids. */
export class OutputSink {
  readonly tail: string[] = [];
  /** Bundle ids the job printed on verification lines, one per task ('none' when /.eda-oci/bundle-id was missing). */
  readonly verifiedIds: string[] = [];
  /** Start of this run's verification lines. */
  private readonly marker: string;

  constructor(
    token: string,
    private readonly onLine: (line: string) => void,
    private readonly tailLines = 30,
  ) {
    this.marker = `${VERIFY_PREFIX}${token}:`;
  }

  /** Handles one complete line. */
  line(text: string): void {
    if (text.startsWith(this.marker)) {
      this.verifiedIds.push(text.slice(this.marker.length).trim());
      return;
    }
    this.tail.push(text);
    if (this.tail.length > this.tailLines) this.tail.shift();
    this.onLine(text);
  }
}

/** Reads a growing file from where it left off and feeds complete lines to a sink; the file may not exist yet. */
export class FileFollower {
  private offset = 0;
  private partial = '';
  private fh: FileHandle | undefined;
  /** Read buffer, reused by every poll (polls never overlap: each is awaited). */
  private readonly buf = Buffer.alloc(64 * 1024);
  /** True once the file was seen. */
  seen = false;

  constructor(
    readonly path: string,
    private readonly sink: OutputSink,
  ) {}

  /** Reads what was appended since the last call; with `final`, also hands over an unterminated last line. */
  async poll(final = false): Promise<void> {
    if (!this.fh) {
      try {
        this.fh = await open(this.path, 'r');
        this.seen = true;
      } catch {
        return;
      }
    }
    for (;;) {
      const { bytesRead } = await this.fh.read(this.buf, 0, this.buf.length, this.offset);
      if (bytesRead === 0) break;
      this.offset += bytesRead;
      const lines = (this.partial + this.buf.subarray(0, bytesRead).toString('utf8')).split('\n');
      this.partial = lines.pop() ?? '';
      for (const l of lines) this.sink.line(l);
    }
    if (final && this.partial) {
      this.sink.line(this.partial);
      this.partial = '';
    }
  }

  async close(): Promise<void> {
    await this.fh?.close();
    this.fh = undefined;
  }
}
