// The small runtime every command gets: where to write, which environment to read.
import type { Writable } from "node:stream";

export interface Runtime {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
}

/**
 * process.stdout and process.stderr are created on first access (≈0.7 ms each), so they are only touched
 * when a command writes to them; each gets the broken-pipe guard as it is created.
 */
export function processRuntime(): Runtime {
  return {
    env: process.env,
    cwd: process.cwd(),
    get stdout() {
      return guarded(process.stdout);
    },
    get stderr() {
      return guarded(process.stderr);
    },
  };
}

const guardedStreams = new WeakSet<Writable>();

/** `openclaw models list | head` closes our stdout early: that is a normal end, not a crash. */
function guarded<S extends Writable>(stream: S): S {
  if (!guardedStreams.has(stream)) {
    guardedStreams.add(stream);
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return stream;
}
