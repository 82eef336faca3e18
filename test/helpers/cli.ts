// Runs the built bin/openclaw-bedrock as a child process in a sealed environment: temp HOME and state dir, no AWS_* from the host.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const binPath = path.join(repoRoot, "bin/openclaw-bedrock");
/** Real-world test data (test/fixtures/README.md says where each file came from). */
export const fixturesDir = path.resolve(repoRoot, "test/fixtures");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A throwaway HOME, state dir and AWS config paths; `env()` gives a clean environment pointing at them. */
export interface Sandbox {
  dir: string;
  home: string;
  stateDir: string;
  configPath: string;
  env(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv;
  writeConfig(text: string): void;
  readConfig(): string;
  cleanup(): void;
}

export function makeSandbox(): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openclaw-test-"));
  fs.chmodSync(dir, 0o755);
  const home = path.join(dir, "home");
  const stateDir = path.join(home, ".openclaw");
  fs.mkdirSync(home, { recursive: true });
  const configPath = path.join(stateDir, "openclaw.json");
  return {
    dir,
    home,
    stateDir,
    configPath,
    env(extra = {}) {
      const env: NodeJS.ProcessEnv = {};
      for (const [key, value] of Object.entries(process.env)) {
        if (key.startsWith("AWS_") || key.startsWith("OPENCLAW_") || key === "NO_COLOR" || key === "FORCE_COLOR") continue;
        if (/^(https?|no)_proxy$/i.test(key)) continue;
        env[key] = value;
      }
      Object.assign(env, {
        HOME: home,
        OPENCLAW_STATE_DIR: stateDir,
        AWS_CONFIG_FILE: path.join(dir, "aws-config"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "aws-credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
      });
      for (const [key, value] of Object.entries(extra)) {
        if (value === undefined) delete env[key];
        else env[key] = value;
      }
      return env;
    },
    writeConfig(text: string) {
      fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
      // 0600, as OpenClaw writes it (a config readable by others is made private, with a note, on its next rewrite).
      fs.writeFileSync(configPath, text, { mode: 0o600 });
      fs.chmodSync(configPath, 0o600);
    },
    readConfig() {
      return fs.readFileSync(configPath, "utf8");
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function runCli(args: string[], options: { env: NodeJS.ProcessEnv; uid?: number; gid?: number; timeoutMs?: number; input?: string }): Promise<CliResult> {
  return runProcess(process.execPath, [binPath, ...args], { timeoutMs: 30_000, ...options, input: options.input ?? "" });
}

/** Runs a program to its end (killed past `timeoutMs`) and collects what it printed and how it ended; stdin is `input`, else none. */
export function runProcess(
  file: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; uid?: number; gid?: number; timeoutMs?: number; input?: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, cwd: options.cwd, uid: options.uid, gid: options.gid, stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
