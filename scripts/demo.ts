// `npm run demo`: the whole tool against the loopback emulator, no AWS account needed.
// Starts the emulator, points a temporary state dir, config and demo credentials at it, then runs
// `openclaw models list` and `openclaw bedrock doctor` as a user would.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator } from "../test/emulator/server.ts";
import { emulatorClientEnv } from "../test/emulator/client-env.ts";

const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin/openclaw-bedrock");
if (!fs.existsSync(path.join(root, "dist/main.cjs"))) {
  console.error("dist/ is missing: run npm install (it builds) or npm run build first");
  process.exit(1);
}

const emulator = await startEmulator({ imds: false, chunkDelayMs: 40, replyText: "Hello! Bedrock answered through the emulator, streamed chunk by chunk." });
const home = fs.mkdtempSync(path.join(os.tmpdir(), "openclaw-demo-"));
const stateDir = path.join(home, ".openclaw");
fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
fs.writeFileSync(
  path.join(stateDir, "openclaw.json"),
  `// Demo OpenClaw config: Bedrock discovery on, a default Bedrock model.
{
  agents: { defaults: { model: { primary: "amazon-bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0" } } },
  plugins: {
    entries: {
      "amazon-bedrock": { config: { discovery: { enabled: true, providerFilter: ["anthropic", "amazon"] } } },
    },
  },
}
`,
  { mode: 0o600 },
);

const env = emulatorClientEnv({ url: emulator.url, home, stateDir });

let failed = false;
for (const args of [["models", "list"], ["bedrock", "doctor"]]) {
  process.stdout.write(`\n$ openclaw-bedrock ${args.join(" ")}\n`);
  // Asynchronous: the emulator answers from this same process.
  const code = await new Promise<number | null>((resolve) => spawn(process.execPath, [bin, ...args], { env, stdio: "inherit" }).on("close", resolve));
  if (code !== 0) failed = true;
}
process.stdout.write(`\nThe emulator at ${emulator.url} answered ${emulator.requests.length} requests (SigV4-checked); state was in ${home}.\n`);
await emulator.stop();
fs.rmSync(home, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
