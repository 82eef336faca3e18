// The real OpenClaw (installed from the npm registry into a cache on first use) with this package installed as
// its amazon-bedrock plugin, the way a user installs it: `npm pack`, unpacked, `openclaw plugins install <dir>`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureOpenClawHost, type OpenClawHost } from "../../scripts/openclaw-host.ts";
import { makeSandbox, repoRoot, runProcess, type CliResult, type Sandbox } from "./cli.ts";

let packed: string | undefined;

/** This package as `npm pack` makes it, unpacked once per test process (dist/ is built by the test runner). */
export function packedPlugin(): string {
  if (packed) return packed;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openclaw-bedrock-pack-"));
  // --ignore-scripts: `prepare` would rebuild dist/ under the feet of tests running beside this one.
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const filename = (JSON.parse(out) as { filename: string }[])[0]!.filename;
  execFileSync("tar", ["xzf", path.join(dir, filename), "-C", dir]);
  packed = path.join(dir, "package");
  return packed;
}

export interface OpenClawRun {
  host: OpenClawHost;
  sb: Sandbox;
  /** The sandbox's environment plus the host Node on PATH; `extra` as in Sandbox.env. */
  env(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv;
  run(args: string[], env: NodeJS.ProcessEnv, options?: { timeoutMs?: number }): Promise<CliResult>;
  /** The config OpenClaw keeps the plugin's install record in, with `discovery` set as given. */
  setDiscovery(discovery: Record<string, unknown> | undefined): void;
  cleanup(): void;
}

/** A sandboxed OpenClaw home with the plugin installed (one install per test file: it takes ~15 s). */
export async function openClawWithPlugin(): Promise<OpenClawRun> {
  const host = ensureOpenClawHost();
  const sb = makeSandbox();
  const env = (extra: Record<string, string | undefined> = {}) => {
    const e = sb.env(extra);
    e.PATH = `${host.nodeBin}${path.delimiter}${e.PATH ?? ""}`;
    e.NO_COLOR = "1";
    return e;
  };
  const run = (args: string[], runEnv: NodeJS.ProcessEnv, options: { timeoutMs?: number } = {}) => runOpenClaw(host, args, runEnv, options.timeoutMs);
  const install = await run(["plugins", "install", packedPlugin(), "--force", "--accept-capabilities"], env());
  if (install.code !== 0) throw new Error(`openclaw plugins install failed (${install.code}):\n${install.stdout}\n${install.stderr}`);
  const installed = JSON.parse(sb.readConfig()) as Record<string, any>;
  return {
    host,
    sb,
    env,
    run,
    setDiscovery(discovery) {
      const config = structuredClone(installed);
      const entry = config.plugins.entries["amazon-bedrock"];
      if (discovery) entry.config = { discovery };
      else delete entry.config;
      sb.writeConfig(`${JSON.stringify(config, null, 2)}\n`);
    },
    cleanup: () => sb.cleanup(),
  };
}

export function runOpenClaw(host: OpenClawHost, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CliResult> {
  return runProcess(host.node, [host.openclaw, ...args], { env, timeoutMs });
}

/** The JSON document in OpenClaw's stdout (it may print a notice line before it). */
export function parseJsonOutput<T = any>(stdout: string): T {
  const start = stdout.search(/^[{[]/m);
  if (start === -1) throw new Error(`no JSON in output:\n${stdout}`);
  return JSON.parse(stdout.slice(start)) as T;
}
