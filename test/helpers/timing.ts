// Timing promises that hold on a loaded machine: a command under a fault is measured against the same command
// without it, in the same run, never against a wall-clock constant. In `npm test` a miss is recorded (printed as
// a TAP comment), not failed: a slow machine fails no test. FAULTS_TIMING=assert (the default of the full fault
// suite, FAULTS_FULL=1) makes a miss fail; FAULTS_TIMING=record records there too.
import assert from "node:assert/strict";
import { makeSandbox, runCli } from "./cli.ts";
import { emulatorEnv } from "./bedrock-env.ts";
import type { Emulator } from "../emulator/server.ts";

export const ASSERT_TIMING = process.env.FAULTS_TIMING ? process.env.FAULTS_TIMING === "assert" : process.env.FAULTS_FULL === "1";

/** Wall time of `run`, in milliseconds. */
export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: Math.round(performance.now() - started) };
}

/**
 * `elapsedMs` (the command with the fault) may take what the same command took without it (`baselineMs`, twice
 * over: the load changes between the two runs) plus what the fault is allowed to cost (`allowanceMs`: the
 * timeouts it runs into).
 */
export function checkAgainstBaseline(label: string, elapsedMs: number, baselineMs: number, allowanceMs: number): void {
  const bound = 2 * baselineMs + allowanceMs;
  if (elapsedMs <= bound) return;
  const line = `timing: ${label} took ${elapsedMs} ms; without the fault ${baselineMs} ms; allowed ${bound} ms (2 × that + ${allowanceMs})`;
  if (ASSERT_TIMING) assert.fail(line);
  process.stdout.write(`# ${line}; recorded, not asserted (FAULTS_TIMING=assert asserts it)\n`);
}

/**
 * A timeout for a command under a fault: at least `minSeconds`, and twice what the whole command takes without
 * the fault now, so that a step the fault does not touch never times out because the machine is busy.
 */
export function timeoutFor(baselineMs: number, minSeconds: number): number {
  return Math.max(minSeconds, Math.ceil((2 * baselineMs) / 1000));
}

/** What `args` take with no fault (any set is cleared), now, in a fresh sandbox against `emulator` (nothing it caches is shared). */
export async function unfaultedMs(emulator: Emulator, args: string[], extra: Record<string, string | undefined>): Promise<number> {
  emulator.clearFaults();
  const fresh = makeSandbox();
  try {
    return (await timed(() => runCli(args, { env: emulatorEnv(fresh, emulator, extra) }))).ms;
  } finally {
    fresh.cleanup();
  }
}
