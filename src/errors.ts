// Typed errors that carry their exit code, so one catch decides what the process exits with.

/** A failure the user can fix: exit 1. `fix` is the exact next step, printed on its own line. */
export class CliError extends Error {
  readonly exitCode: number;
  readonly fix?: string;
  constructor(message: string, options: { fix?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CliError";
    this.exitCode = options.exitCode ?? 1;
    this.fix = options.fix;
  }
}

/** The command line itself is wrong (bad path syntax, bad flag value): exit 2. */
export class UsageError extends CliError {
  constructor(message: string, fix?: string) {
    super(message, { fix, exitCode: 2 });
    this.name = "UsageError";
  }
}

/** The command already printed what went wrong; only the exit code is left to set. */
export class ExitError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "ExitError";
    this.exitCode = exitCode;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
