// A fake of the Slurm client commands for unit tests (the process layer only): jobs follow scripted state timelines,
// one step per squeue poll; outages, lost submissions and output files on demand. The verdicts come from the real
// library code; integration tests run the real Slurm.
import { appendFileSync, writeFileSync } from 'node:fs';
import { CommandFailedError, type CommandResult, type RunCommand, type RunOptions } from '@eda-oci/exec';

/** One point of a job's timeline. */
export interface FakeState {
  state: string;
  reason?: string;
  exit?: string;
  restarts?: number;
}

interface FakeJob {
  id: string;
  comment: string;
  timeline: FakeState[];
  at: number;
  output?: string;
  script?: string;
  wroteOutput: boolean;
}

/** Output the fake job writes: what the job script would print (the verification line with the bundle id). */
export type FakeOutput = (script: string) => string;

export class FakeSlurm {
  readonly calls: { cmd: string; args: string[] }[] = [];
  readonly jobs = new Map<string, FakeJob>();
  nextId = 100;
  /** The next N controller-bound calls fail as if slurmctld were down. */
  outage = 0;
  /** sbatch accepts the job but its answer is lost (a transient error is printed). */
  loseNextSubmission = false;
  /** Timeline for the next submitted job. */
  nextTimeline: FakeState[] = [{ state: 'PENDING', reason: 'Priority' }, { state: 'RUNNING' }, { state: 'COMPLETED', exit: '0:0' }];
  /** What a submitted job prints once it runs. */
  output: FakeOutput = () => '';
  /** When set, sbatch fails with this stderr (not transient). */
  rejectWith = '';
  bundleIdInside = '';

  add(id: string, timeline: FakeState[], comment = ''): void {
    this.jobs.set(id, { id, comment, timeline, at: 0, wroteOutput: false });
  }

  count(cmd: string): number {
    return this.calls.filter((c) => c.cmd === cmd).length;
  }

  private cur(j: FakeJob): FakeState {
    return j.timeline[Math.min(j.at, j.timeline.length - 1)]!;
  }

  private res(stdout: string, exitCode = 0, stderr = ''): CommandResult {
    return { exitCode, stdout, stderr, durationMs: 1, truncated: false };
  }

  private down(cmd: string, args: string[]): never {
    throw new CommandFailedError(
      `${cmd} exited with code 1: Unable to contact slurm controller (connect failure)`,
      cmd,
      args,
      1,
      null,
      'slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n',
    );
  }

  private line(j: FakeJob): string {
    const s = this.cur(j);
    const nodes = s.state === 'PENDING' ? '' : 'n1';
    return `${j.id}|${s.state}|${s.reason ?? 'None'}|${nodes}|0:01|${j.comment}`;
  }

  private writeOutput(j: FakeJob): void {
    const s = this.cur(j);
    if (j.output && !j.wroteOutput && s.state !== 'PENDING') {
      j.wroteOutput = true;
      appendFileSync(j.output, this.output(j.script ?? ''));
    }
  }

  readonly run: RunCommand = async (cmd: string, args: readonly string[], opts: RunOptions = {}) => {
    const a = [...args];
    this.calls.push({ cmd, args: a });
    const ok = opts.okExitCodes ?? [0];
    const result = (r: CommandResult): CommandResult => {
      if (!ok.includes(r.exitCode))
        throw new CommandFailedError(`${cmd} exited with code ${r.exitCode}: ${r.stderr.trim()}`, cmd, a, r.exitCode, null, r.stderr);
      return r;
    };
    if (cmd === 'sacct') return result(this.res('', 1, 'Slurm accounting storage is disabled\n'));
    if (this.outage > 0) {
      this.outage--;
      this.down(cmd, a);
    }
    switch (cmd) {
      case 'sbatch': {
        if (this.rejectWith) return result(this.res('', 1, this.rejectWith));
        const id = String(this.nextId++);
        const comment = a.find((x) => x.startsWith('--comment='))!.slice('--comment='.length);
        const output = a
          .find((x) => x.startsWith('--output='))
          ?.slice('--output='.length)
          .replace('%j', id);
        this.jobs.set(id, {
          id,
          comment,
          timeline: this.nextTimeline,
          at: 0,
          output,
          script: String(opts.input ?? ''),
          wroteOutput: false,
        });
        if (output) writeFileSync(output, '');
        if (this.loseNextSubmission) {
          this.loseNextSubmission = false;
          this.down(cmd, a);
        }
        return result(this.res(`${id}\n`));
      }
      case 'squeue': {
        if (a.includes('--me')) return result(this.res([...this.jobs.values()].map((j) => this.line(j)).join('\n')));
        const ids = a[a.indexOf('-j') + 1]!.split(',');
        const known = ids.map((id) => this.jobs.get(id)).filter((j): j is FakeJob => !!j);
        if (!known.length) return result(this.res('', 1, 'slurm_load_jobs error: Invalid job id specified\n'));
        const out = known.map((j) => {
          const l = this.line(j);
          this.writeOutput(j);
          if (j.at < j.timeline.length - 1) j.at++;
          return l;
        });
        return result(this.res(`${out.join('\n')}\n`));
      }
      case 'scontrol': {
        const want = a.length > 4 ? [a[4]!] : [...this.jobs.keys()];
        const lines = want
          .map((id) => this.jobs.get(id))
          .filter((j): j is FakeJob => !!j)
          .map((j) => {
            // scontrol sees the newest state: the timeline point squeue shows next.
            const s = this.cur(j);
            this.writeOutput(j);
            return `JobId=${j.id} JobName=x JobState=${s.state} Reason=${s.reason ?? 'None'} Restarts=${s.restarts ?? 0} ExitCode=${s.exit ?? '0:0'} RunTime=00:00:02 NodeList=n1 StdOut=${j.output ?? ''}`;
          });
        if (!lines.length) return result(this.res('', 1, 'slurm_load_jobs error: Invalid job id specified\n'));
        return result(this.res(`${lines.join('\n')}\n`));
      }
      case 'scancel': {
        for (const id of a) {
          const j = this.jobs.get(id);
          if (!j) continue;
          j.timeline = [{ state: 'CANCELLED', exit: '0:15' }];
          j.at = 0;
        }
        return result(this.res(''));
      }
      default:
        throw new Error(`fake slurm: unexpected command ${cmd}`);
    }
  };
}

/** A sleep that records what was asked and advances a fake clock instead of waiting. */
export function fakeTime(start = 1_000_000) {
  const slept: number[] = [];
  let t = start;
  return {
    slept,
    now: () => t,
    sleep: async (ms: number, _signal?: AbortSignal) => {
      slept.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}
