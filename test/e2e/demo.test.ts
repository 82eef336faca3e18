import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../helpers/cli.ts";

test("npm run demo shows models list and an all-green doctor against the emulator", async () => {
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "scripts/demo.ts")], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("close", (exitCode) => resolve({ code: exitCode, stdout: out }));
  });
  assert.equal(code, 0, stdout);
  assert.match(stdout, /\$ openclaw-bedrock models list\n/);
  assert.match(stdout, /amazon-bedrock\/us\.anthropic\.claude-haiku-4-5-20251001-v1:0 .*default/);
  assert.match(stdout, /8 passed, 0 warnings, 0 failed/);
});
