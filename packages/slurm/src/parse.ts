// Parsers of Slurm client output (sbatch --parsable, squeue -o, scontrol -o show job, sacct -P) and Slurm value
// formats (exit codes "3:0", durations "1-02:03:04"). Pure functions; fixtures in test/fixtures/slurm.

/** One job as one `squeue` poll sees it. */
export interface QueueEntry {
  jobId: string;
  /** Slurm's state name, e.g. PENDING, RUNNING, COMPLETED, NODE_FAIL. */
  state: string;
  reason: string;
  nodes: string;
  /** Time used so far (squeue %M), seconds. */
  elapsedSeconds: number;
  comment: string;
}

/** The squeue format {@link parseSqueue} reads: id, state, reason, nodes, time used, comment (last: it may contain '|'). */
export const SQUEUE_FORMAT = '%i|%T|%r|%N|%M|%k';

/** Parses `squeue -h -o SQUEUE_FORMAT` output; malformed lines are skipped. */
export function parseSqueue(text: string): QueueEntry[] {
  const out: QueueEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split('|');
    if (f.length < 6 || !/^\d+(_\d+)?$/.test(f[0]!.trim())) continue;
    out.push({
      jobId: f[0]!.trim(),
      state: f[1]!.trim(),
      reason: f[2]!.trim(),
      nodes: f[3]!.trim(),
      elapsedSeconds: parseDuration(f[4]!.trim()) ?? 0,
      comment: f.slice(5).join('|').trim(),
    });
  }
  return out;
}

/** `sbatch --parsable` prints "JOBID" or "JOBID;CLUSTER". */
export function parseSbatchParsable(stdout: string): string | undefined {
  const line = stdout
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^\d+(;\S+)?$/.test(l));
  return line?.split(';')[0];
}

/**
 * Parses one record of `scontrol -o show job` (key=value pairs on one line) into a map. Values may contain spaces
 * (Command, WorkDir, Comment): a new pair starts only where a space precedes `Key=` with a known key shape.
 */
export function parseScontrolRecord(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /(?:^|\s)([A-Za-z][A-Za-z0-9_/:]*)=/g;
  const starts: { key: string; at: number; valueAt: number }[] = [];
  for (let m = re.exec(line); m; m = re.exec(line)) {
    starts.push({ key: m[1]!, at: m.index, valueAt: m.index + m[0].length });
  }
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.at : line.length;
    if (!(s.key in out)) out[s.key] = line.slice(s.valueAt, end).trim();
  });
  return out;
}

/** Details of a job that reached (or may have reached) its end, from scontrol or sacct. */
export interface JobDetails {
  jobId: string;
  state: string;
  reason: string;
  exitCode: number;
  /** Signal that ended the job's script/command, 0 if none. */
  signal: number;
  elapsedSeconds: number;
  nodes: string;
  restarts: number;
  /** Who cancelled it (sacct "CANCELLED by UID"), when known. */
  cancelledBy?: string;
  source: 'scontrol' | 'sacct' | 'squeue';
}

/** Slurm exit code "EXIT:SIGNAL" (e.g. "3:0", "0:15") -> numbers. */
export function parseExitCode(text: string | undefined): { exitCode: number; signal: number } {
  const m = /^(\d+):(\d+)$/.exec((text ?? '').trim());
  return m ? { exitCode: Number(m[1]), signal: Number(m[2]) } : { exitCode: 0, signal: 0 };
}

/** Slurm durations "SS", "MM:SS", "HH:MM:SS", "D-HH", "D-HH:MM", "D-HH:MM:SS" -> seconds; undefined if not one. */
export function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const [, d, a, b, c] = m;
  const days = Number(d ?? 0);
  let h = 0;
  let min = 0;
  let s = 0;
  if (d !== undefined) {
    // D-HH[:MM[:SS]]
    h = Number(a);
    min = Number(b ?? 0);
    s = Number(c ?? 0);
  } else if (c !== undefined) {
    h = Number(a);
    min = Number(b);
    s = Number(c);
  } else if (b !== undefined) {
    min = Number(a);
    s = Number(b);
  } else {
    s = Number(a);
  }
  return ((days * 24 + h) * 60 + min) * 60 + s;
}

/** Parses the `scontrol -o show job` output (one record per line) into {@link JobDetails} per job id. */
export function parseScontrolJobs(text: string): Map<string, JobDetails> {
  const out = new Map<string, JobDetails>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('JobId=')) continue;
    const r = parseScontrolRecord(line);
    const { exitCode, signal } = parseExitCode(r.ExitCode);
    out.set(r.JobId!, {
      jobId: r.JobId!,
      state: (r.JobState ?? 'UNKNOWN').split(/\s/)[0]!,
      reason: r.Reason ?? '',
      exitCode,
      signal,
      elapsedSeconds: parseDuration(r.RunTime ?? '') ?? 0,
      nodes: r.NodeList && r.NodeList !== '(null)' ? r.NodeList : '',
      restarts: Number(r.Restarts ?? 0) || 0,
      source: 'scontrol',
    });
  }
  return out;
}

/** The sacct fields {@link parseSacct} reads (with -n -P -X). */
export const SACCT_FIELDS = 'JobID,State,ExitCode,ElapsedRaw,NodeList,Reason';

/** Parses `sacct -n -P -X -o SACCT_FIELDS` output; "CANCELLED by 1002" yields cancelledBy "1002". */
export function parseSacct(text: string): Map<string, JobDetails> {
  const out = new Map<string, JobDetails>();
  for (const line of text.split('\n')) {
    const f = line.split('|');
    if (f.length < 5 || !/^\d+/.test(f[0]!)) continue;
    const jobId = f[0]!.split('.')[0]!;
    const m = /^(\S+)(?: by (\S+))?/.exec(f[1]!.trim());
    const { exitCode, signal } = parseExitCode(f[2]);
    out.set(jobId, {
      jobId,
      state: m?.[1] ?? 'UNKNOWN',
      cancelledBy: m?.[2],
      reason: (f[5] ?? '').trim(),
      exitCode,
      signal,
      elapsedSeconds: Number(f[3]) || 0,
      nodes: f[4]!.trim() === 'None assigned' ? '' : f[4]!.trim(),
      restarts: 0,
      source: 'sacct',
    });
  }
  return out;
}
