// The logging interface every domain package takes as a parameter, so the library runs outside Actions.

/** Minimal logger; action-kit maps it onto @actions/core, the CLI onto stderr. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** Runs `fn` inside a named, collapsible phase (a log group in Actions). */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

/** Logger that writes to stderr, used by the CLI and tests; debug lines only when `verbose`. */
export function createConsoleLogger(options: { verbose?: boolean; quiet?: boolean } = {}): Logger {
  const write = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  return {
    debug: (m) => {
      if (options.verbose) write(`debug: ${m}`);
    },
    info: (m) => {
      if (!options.quiet) write(m);
    },
    warning: (m) => write(`warning: ${m}`),
    error: (m) => write(`error: ${m}`),
    group: async (title, fn) => {
      if (!options.quiet) write(`== ${title}`);
      return fn();
    },
  };
}

/** Logger that drops everything; handy default for library calls in tests. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: (_t, fn) => fn(),
};
