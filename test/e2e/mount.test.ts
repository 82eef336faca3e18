import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { makeSandbox, repoRoot } from "../helpers/cli.ts";

function runHost(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "test/e2e/host/host-cli.mjs"), ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("mounted into a host that has config get, models list and a global --profile, the host's commands win and the rest join its groups", async () => {
  const sb = makeSandbox();
  try {
    const env = sb.env();
    const file = await runHost(["config", "file"], env);
    assert.equal(file.code, 0, file.stderr);
    assert.equal(file.stdout.trim(), sb.configPath);
    assert.equal((await runHost(["config", "get", "gateway.port"], env)).stdout, "host config get gateway.port\n", "the host's config get is kept");
    assert.equal((await runHost(["models", "list"], env)).stdout, "host models list\n", "the host's models list is kept");
    const set = await runHost(["config", "set", "plugins.entries.amazon-bedrock.config.discovery.region", "eu-west-1"], env);
    assert.equal(set.stdout, 'Updated plugins.entries["amazon-bedrock"].config.discovery.region.\n');
    const bad = await runHost(["config", "set", "plugins.entries.amazon-bedrock.config.discovery.region", "nowhere"], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /region code/);
    const help = await runHost(["models", "--help"], env);
    assert.match(help.stdout, /aliases/, "the host's own subcommand is kept");
    assert.equal((await runHost(["models", "aliases"], env)).stdout, "host aliases\n");
    const doctorHelp = await runHost(["bedrock", "doctor", "--help"], env);
    assert.match(doctorHelp.stdout, /--aws-profile <name>/);
    assert.doesNotMatch(doctorHelp.stdout, /--profile <name>/, "the host's global --profile is not shadowed");
    assert.equal((await runHost(["--profile", "dev", "whoami"], env)).stdout, "host profile dev\n");
    const models = await runHost(["bedrock", "models", "--help"], env);
    assert.match(models.stdout, /--all/);
  } finally {
    sb.cleanup();
  }
});
