// Prints an error the way every command does (`error: …` then `fix: …`) and returns the exit code.
import type { OutputStream } from "../runtime.js";
import { isCliError, isExitError } from "../errors.js";

export function reportError(error: unknown, stderr: OutputStream, env: NodeJS.ProcessEnv): number {
  if (isExitError(error)) return error.exitCode;
  if (isCliError(error)) {
    stderr.write(`error: ${error.message}\n`);
    if (error.fix) stderr.write(`fix: ${error.fix}\n`);
    return error.exitCode;
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    stderr.write("error: the config is nested too deeply to process\nfix: real configs are a few levels deep: check the file for a runaway structure\n");
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`error: unexpected failure: ${message}\n`);
  if (env.OPENCLAW_DEBUG && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  else stderr.write("fix: re-run with OPENCLAW_DEBUG=1 for details, and report it if it persists\n");
  return 1;
}
