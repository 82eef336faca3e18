// The small runtime every command gets: where to write, which environment to read, and whether to colour.
import type { Writable } from "node:stream";

export interface Runtime {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
}

export function processRuntime(): Runtime {
  return { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr };
}

let pipeGuardInstalled = false;

/** `openclaw models list | head` closes our stdout early: that is a normal end, not a crash. */
export function ignoreBrokenPipes(): void {
  if (pipeGuardInstalled) return;
  pipeGuardInstalled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}
