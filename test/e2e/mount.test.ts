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

test("mounted into a host commander program, the commands behave as standalone and join the host's groups", async () => {
  const sb = makeSandbox();
  try {
    const env = sb.env();
    const file = await runHost(["config", "file"], env);
    assert.equal(file.stdout.trim(), sb.configPath);
    const set = await runHost(["config", "set", "models.bedrockDiscovery.region", "eu-west-1"], env);
    assert.equal(set.stdout, "Updated models.bedrockDiscovery.region.\n");
    const bad = await runHost(["config", "set", "models.bedrockDiscovery.region", "nowhere"], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /region code/);
    const help = await runHost(["models", "--help"], env);
    assert.match(help.stdout, /aliases/, "the host's own subcommand is kept");
    assert.match(help.stdout, /list/, "models list joined the host's models group");
    assert.equal((await runHost(["models", "aliases"], env)).stdout, "host aliases\n");
  } finally {
    sb.cleanup();
  }
});
