// Typed errors shared by every eda-oci package. Each message is one actionable line: what, why, how to fix.

/**
 * Base class: every error eda-oci raises on purpose. The message is `problem; hint`; `problem` (what is wrong) and
 * `hint` (how to fix it) are also kept apart, for summaries and for callers that give a problem a hint of their own.
 */
export class EdaOciError extends Error {
  override name = 'EdaOciError';
  constructor(
    readonly problem: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(hint ? `${problem}; ${hint}` : problem, options);
  }
}

/** A bad input or environment setting, detected before any side effect. */
export class ConfigurationError extends EdaOciError {
  override name = 'ConfigurationError';
}

/** A program exited non-zero, was killed, timed out, or could not be started. */
export class CommandFailedError extends EdaOciError {
  override name = 'CommandFailedError';
  constructor(
    message: string,
    readonly command: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderr: string,
    hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, hint, options);
  }
}

/** Building, reading or checking an OCI bundle failed (includes hostile archives). */
export class BundleError extends EdaOciError {
  override name = 'BundleError';
}

/** The operation was cancelled (signal or AbortSignal); cleanup has run. */
export class CancelledError extends EdaOciError {
  override name = 'CancelledError';
}
