// Every supported OpenClaw release with the packed plugin, unmodified, against the emulator: installed with that
// release's documented command (docs/bedrock.md §0), loaded, its discovery options accepted by the release's own
// `config set`, the models listed where the release lets a plugin list them, an infer run and an agent turn streamed
// through our transport, and `openclaw bedrock doctor` passing with the release named. 2026.5.7, the last release
// with a Bedrock of its own, refuses the install in one sentence. The releases come from the npm registry into the
// host cache (scripts/openclaw-host.ts --tested installs them before this file runs).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ensureOpenClawHost, MATRIX_RELEASES, type OpenClawHost } from "../../scripts/openclaw-host.ts";
import { featuresOn, modelsListSource } from "../../src/host/release.ts";
import { compareVersions } from "../../src/config/host-version.ts";
import { envKeys } from "../helpers/bedrock-env.ts";
import { makeSandbox, runCli, type Sandbox } from "../helpers/cli.ts";
import { packedPlugin, parseJsonOutput, runOpenClaw } from "../helpers/openclaw.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";

const REPLY = "Hello from the Bedrock emulator, through the amazon-bedrock plugin.";
const MODEL = "amazon-bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0";
const LOAD_MARKER = path.resolve(import.meta.dirname, "../openclaw/load-marker.mjs");

/** The install command docs/bedrock.md gives for a release: --accept-capabilities exists from 2026.8 on. */
export function installArgs(release: string, dir: string): string[] {
  return ["plugins", "install", dir, "--force", ...(compareVersions(release, "2026.8.0") >= 0 ? ["--accept-capabilities"] : [])];
}

let emulator: Emulator;
let expected: string[];

before(async () => {
  emulator = await startEmulator({ replyText: REPLY });
  // The invocable set, as the standalone CLI discovers it from the same emulator.
  const sb = makeSandbox();
  try {
    const ours = await runCli(["models", "list", "--provider", "amazon-bedrock", "--json", "--refresh"], { env: sb.env({ AWS_ENDPOINT_URL: emulator.url, AWS_REGION: "us-east-1", ...envKeys() }) });
    assert.equal(ours.code, 0, ours.stderr);
    expected = (JSON.parse(ours.stdout) as { models: { key: string }[] }).models.map((m) => m.key).sort();
    assert.ok(expected.length > 40, "the capture has dozens of invocable models");
  } finally {
    sb.cleanup();
  }
});
after(() => emulator?.stop());

interface Home {
  sb: Sandbox;
  marker: string;
  env: NodeJS.ProcessEnv;
  openclaw(args: string[], timeoutMs?: number): ReturnType<typeof runOpenClaw>;
  /** The plugin modules the process loaded since the last call. */
  loaded(): string[];
}

function home(host: OpenClawHost): Home {
  const sb = makeSandbox();
  const marker = path.join(sb.dir, "loaded.txt");
  const env = sb.env({ NO_COLOR: "1", AWS_ENDPOINT_URL: emulator.url, AWS_REGION: "us-east-1", ...envKeys(), BEDROCK_LOAD_MARKER: marker, NODE_OPTIONS: `--import ${LOAD_MARKER}` });
  env.PATH = `${host.nodeBin}${path.delimiter}${env.PATH ?? ""}`;
  return {
    sb,
    marker,
    env,
    openclaw: (args, timeoutMs = 240_000) => runOpenClaw(host, args, env, timeoutMs),
    loaded() {
      const lines = fs.existsSync(marker) ? fs.readFileSync(marker, "utf8").trim().split("\n").map((line) => path.basename(line)) : [];
      fs.rmSync(marker, { force: true });
      return lines;
    },
  };
}

const listedKeys = (stdout: string) => (parseJsonOutput<{ models: { key: string }[] }>(stdout).models ?? []).map((m) => m.key).filter((key) => key.startsWith("amazon-bedrock/")).sort();
const converseCalls = () => emulator.requests.filter((r) => r.operation === "ConverseStream").length;

for (const release of MATRIX_RELEASES.filter((r) => compareVersions(r, "2026.5.12") >= 0)) {
  test(`OpenClaw ${release}: install, load, config, models list, infer, an agent turn and the doctor`, { timeout: 1_800_000 }, async (t) => {
    const host = ensureOpenClawHost({ version: release });
    const h = home(host);
    try {
      const install = await h.openclaw(installArgs(release, packedPlugin()));
      assert.equal(install.code, 0, `install:\n${install.stdout}${install.stderr}`);

      const inspect = await h.openclaw(["plugins", "inspect", "amazon-bedrock", "--runtime", "--json"]);
      assert.equal(inspect.code, 0, inspect.stderr);
      const { plugin } = parseJsonOutput(inspect.stdout);
      assert.equal(plugin.status, "loaded", plugin.error);
      assert.deepEqual(plugin.providerIds, ["amazon-bedrock"]);
      assert.deepEqual(plugin.cliCommands, ["bedrock"]);

      const set = await h.openclaw(["config", "set", "plugins.entries.amazon-bedrock.config.discovery.region", "us-east-1"]);
      assert.equal(set.code, 0, `config set:\n${set.stdout}${set.stderr}`);
      const refused = await h.openclaw(["config", "set", "plugins.entries.amazon-bedrock.config.discovery.refreshInterval", "-5"]);
      assert.notEqual(refused.code, 0, "the release's config set enforces the plugin's schema");

      await t.test("models list shows the invocable set where the release lets a plugin list it, else openclaw bedrock models does", async () => {
        const source = modelsListSource(release);
        const ours = await h.openclaw(["bedrock", "models", "--json"]);
        assert.equal(ours.code, 0, ours.stderr);
        assert.deepEqual(listedKeys(ours.stdout), expected, "openclaw bedrock models");
        if (source === "host-builtin") return; // 2026.5.12 lists its own built-in Bedrock discovery there
        if (compareVersions(release, "2026.9.0") >= 0) {
          const refreshed = await h.openclaw(["models", "list", "--refresh", "--provider", "amazon-bedrock", "--json"]);
          assert.equal(refreshed.code, 0, refreshed.stderr);
          assert.deepEqual(listedKeys(refreshed.stdout), expected, "models list --refresh");
        }
        const plain = await h.openclaw(["models", "list", "--provider", "amazon-bedrock", "--json"]);
        assert.equal(plain.code, 0, plain.stderr);
        assert.deepEqual(listedKeys(plain.stdout), expected, `plain models list (${source})`);
        const all = await h.openclaw(["models", "list", "--all", "--json"]);
        assert.equal(all.code, 0, all.stderr);
        assert.deepEqual(listedKeys(all.stdout), expected, "models list --all");
      });

      await t.test("infer model run streams the emulator's reply", async () => {
        const before = converseCalls();
        h.loaded();
        const infer = await h.openclaw(["infer", "model", "run", "--model", MODEL, "--prompt", "hi", "--json"]);
        assert.equal(infer.code, 0, infer.stdout + infer.stderr);
        const result = parseJsonOutput(infer.stdout);
        assert.equal(result.ok, true, JSON.stringify(result.error));
        assert.equal(result.outputs[0].text, REPLY);
        assert.equal(converseCalls(), before + 1);
        // From 2026.5.28 the run is ours; 2026.5.12 runs it through its own built-in Bedrock code.
        const ours = h.loaded().includes("transport-stream-fn.cjs");
        assert.equal(ours, featuresOn(release).on.some((f) => f.id === "infer"), `our transport ${ours ? "ran" : "did not run"} infer on ${release}`);
      });

      await t.test("an agent turn streams through our transport", async () => {
        const before = converseCalls();
        h.loaded();
        const agent = await h.openclaw(["agent", "--local", "--agent", "main", "--message", "hi", "--model", MODEL, "--json"], 300_000);
        assert.equal(agent.code, 0, agent.stdout + agent.stderr);
        const out = parseJsonOutput(agent.stdout);
        const text = out.payloads?.[0]?.text ?? out.final;
        assert.equal(text, REPLY, agent.stdout);
        assert.ok(converseCalls() > before);
        assert.ok(h.loaded().includes("transport-stream-fn.cjs"), "the turn went through this plugin's transport");
      });

      await t.test("openclaw bedrock doctor passes and names the release and what it lacks", async () => {
        const doctor = await h.openclaw(["bedrock", "doctor", "--json"]);
        assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
        const report = parseJsonOutput(doctor.stdout);
        assert.equal(report.ok, true, doctor.stdout);
        const hostCheck = report.checks[0];
        assert.equal(hostCheck.id, "host");
        assert.equal(hostCheck.details.release, release);
        assert.deepEqual(hostCheck.details.missing.map((m: { id: string }) => m.id), featuresOn(release).off.map((f) => f.id));
      });
    } finally {
      h.sb.cleanup();
    }
  });
}

test("OpenClaw 2026.5.7, which bundles its own Bedrock, refuses the install in one sentence: upgrade OpenClaw", { timeout: 900_000 }, async () => {
  const host = ensureOpenClawHost({ version: "2026.5.7" });
  const h = home(host);
  try {
    const install = await h.openclaw(installArgs("2026.5.7", packedPlugin()));
    assert.notEqual(install.code, 0, install.stdout + install.stderr);
    assert.match(install.stderr, /^plugin "amazon-bedrock" requires OpenClaw >=2026\.5\.12, but this host is 2026\.5\.7\. Upgrade OpenClaw and retry\.$/m);
    assert.doesNotMatch(install.stdout + install.stderr, /dangerous code patterns/, "no install scanner finding");
    assert.ok(!fs.existsSync(path.join(h.sb.stateDir, "extensions", "amazon-bedrock")), "nothing was installed");
  } finally {
    h.sb.cleanup();
  }
});
