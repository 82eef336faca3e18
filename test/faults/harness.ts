// The fault suite's bookkeeping: scenario counts for the closing `faults: N scenarios, N passed` line, the
// short (npm test) and full (npm run test:faults) scales, and the leak scan every scenario ends with.
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { allSecrets } from "../emulator/identities.ts";
import type { Runtime } from "../../src/runtime.ts";

export const FULL = process.env.FAULTS_FULL === "1";

export function scale(short: number, full: number): number {
  return FULL ? full : short;
}

/** Runs one scenario and records its outcome for the closing figures; a failure still fails the test. */
export async function scenario<T>(suite: string, name: string, run: () => Promise<T> | T): Promise<T> {
  try {
    const result = await run();
    record(suite, name, true);
    return result;
  } catch (error) {
    record(suite, name, false, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

function record(suite: string, name: string, ok: boolean, detail?: string): void {
  const report = process.env.FAULTS_REPORT;
  if (report) fs.appendFileSync(report, `${JSON.stringify({ suite, name, ok, ...(detail ? { detail: detail.slice(0, 500) } : {}) })}\n`);
}

/** Every secret in use, searched for in outputs and in every file under `dirs`: zero hits allowed. */
export function assertNoSecrets(texts: string[], dirs: string[] = [], extraSecrets: string[] = []): void {
  const haystack = [...texts, ...dirs.flatMap((dir) => readAll(dir))].join("\n");
  for (const secret of [...allSecrets(), ...extraSecrets]) {
    if (haystack.includes(secret)) throw new Error(`secret leaked: ${secret.slice(0, 4)}… (${secret.length} chars)`);
  }
}

function readAll(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join((entry as fs.Dirent & { parentPath?: string }).parentPath ?? dir, entry.name);
    // The AWS files a scenario writes on purpose hold keys; they are inputs, not our output.
    if (/aws-(config|credentials)$/.test(file)) continue;
    out.push(fs.readFileSync(file, "latin1"));
  }
  return out;
}

/** A runtime for calling commands in-process, with stdout and stderr collected. */
export function collectingRuntime(env: NodeJS.ProcessEnv): Runtime & { out(): string; err(): string } {
  let out = "";
  let err = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  return { env, stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), out: () => out, err: () => err };
}
