// Typed errors that carry their exit code, so one catch decides what the process exits with.
//
// Each command is its own bundle, so one class can exist twice in a process: errors are recognised by a
// brand under a Symbol.for key (shared across bundles), never by instanceof.

const CLI_ERROR = Symbol.for("openclaw-bedrock.CliError");
const EXIT_ERROR = Symbol.for("openclaw-bedrock.ExitError");

/** A failure the user can fix: exit 1. `fix` is the exact next step, printed on its own line. */
export class CliError extends Error {
  readonly exitCode: number;
  readonly fix?: string;
  readonly [CLI_ERROR] = true;
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
  readonly [EXIT_ERROR] = true;
  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "ExitError";
    this.exitCode = exitCode;
  }
}

export function isCliError(error: unknown): error is CliError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[CLI_ERROR] === true;
}

export function isExitError(error: unknown): error is ExitError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[EXIT_ERROR] === true;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
