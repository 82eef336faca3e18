// The plugin inside the real OpenClaw 2026.9.6: installed from the packed folder, its schema enforced by
// OpenClaw's own `config set`, its catalog behind OpenClaw's own `models list`, its commands under `openclaw bedrock`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { envKeys, instanceRole } from "../helpers/bedrock-env.ts";
import { runCli } from "../helpers/cli.ts";
import { openClawWithPlugin, parseJsonOutput, type OpenClawRun } from "../helpers/openclaw.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";

let oc: OpenClawRun;
let emulator: Emulator;

before(async () => {
  emulator = await startEmulator({ imds: { region: "us-east-1" } });
  oc = await openClawWithPlugin();
});
after(async () => {
  await emulator?.stop();
  oc?.cleanup();
});

const viaEmulator = (extra: Record<string, string | undefined> = {}) =>
  oc.env({ AWS_ENDPOINT_URL: emulator.url, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-east-1", ...extra });

test("openclaw plugins inspect: loaded, with the amazon-bedrock provider and the bedrock command", async () => {
  const out = await oc.run(["plugins", "inspect", "amazon-bedrock", "--runtime", "--json"], oc.env());
  assert.equal(out.code, 0, out.stderr);
  const { plugin } = parseJsonOutput(out.stdout);
  assert.equal(plugin.status, "loaded", plugin.error);
  assert.deepEqual(plugin.providerIds, ["amazon-bedrock"]);
  assert.deepEqual(plugin.cliCommands, ["bedrock"]);
  assert.equal(plugin.packageName, "openclaw-bedrock");
});

test("OpenClaw's own config set refuses what our validation refuses, and leaves the file byte-identical", async () => {
  oc.setDiscovery({ enabled: true });
  const before = oc.sb.readConfig();
  const base = "plugins.entries.amazon-bedrock.config.discovery";
  for (const [key, value, message] of [
    ["refreshInterval", "-5", /must be >= 0/],
    ["region", "US-EAST-1", /must match pattern/],
    ["defaultMaxTokens", "0", /must be >= 1/],
    ["defaultContextWindow", "1.5", /must be integer/],
    ["includeInferenceProfiles", '"yes"', /must be boolean/],
    ["regoin", '"us-east-1"', /additional properties: "regoin"/],
  ] as const) {
    const out = await oc.run(["config", "set", `${base}.${key}`, value], oc.env());
    assert.equal(out.code, 1, `${key}=${value} was accepted`);
    assert.match(out.stderr + out.stdout, message);
    assert.equal(oc.sb.readConfig(), before, `${key}=${value} changed the file`);
    // Our own validation refuses the same value.
    const ours = await runCli(["config", "set", `${base}.${key}`, value, "--dry-run"], { env: oc.env() });
    assert.equal(ours.code, 1, `openclaw-bedrock accepted ${key}=${value}`);
  }
  const ok = await oc.run(["config", "set", `${base}.region`, "eu-central-1"], oc.env());
  assert.equal(ok.code, 0, ok.stderr);
});

test("OpenClaw's config validate and ours agree on a model entry without a name", async () => {
  const base = JSON.parse(oc.sb.readConfig());
  for (const [models, valid] of [
    [[{ id: "a", name: "A" }, { id: "y" }], false],
    [[{ id: "a", name: "A" }, { id: "y", name: "Y" }], true],
  ] as const) {
    oc.sb.writeConfig(JSON.stringify({ ...base, models: { providers: { x: { baseUrl: "http://127.0.0.1:1", models } } } }));
    const theirs = await oc.run(["config", "validate"], oc.env());
    const ours = await runCli(["config", "validate"], { env: oc.env() });
    assert.equal(theirs.code === 0, valid, `OpenClaw: ${theirs.stdout}${theirs.stderr}`);
    assert.equal(ours.code === 0, valid, `ours: ${ours.stdout}${ours.stderr}`);
  }
  oc.setDiscovery(undefined);
});

test("openclaw models list --refresh lists exactly the invocable set, with our context windows", async () => {
  oc.setDiscovery(undefined);
  const env = viaEmulator(envKeys());
  const out = await oc.run(["models", "list", "--refresh", "--provider", "amazon-bedrock", "--json"], env);
  assert.equal(out.code, 0, out.stderr);
  const listed = parseJsonOutput<{ models: { key: string; contextWindow: number; input: string }[] }>(out.stdout).models;
  const ours = await runCli(["models", "list", "--provider", "amazon-bedrock", "--json", "--refresh"], { env });
  const expected = JSON.parse(ours.stdout) as { models: { key: string; contextWindow: number; input: string[] }[] };
  assert.ok(expected.models.length > 40, "the capture has dozens of invocable models");
  assert.deepEqual(listed.map((m) => m.key).sort(), expected.models.map((m) => m.key).sort());
  const windows = new Map(expected.models.map((m) => [m.key, m.contextWindow]));
  for (const model of listed) assert.equal(model.contextWindow, windows.get(model.key), `${model.key}: context window`);
  const haiku = listed.find((m) => m.key === "amazon-bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0");
  assert.equal(haiku?.contextWindow, 200_000);
  assert.equal(haiku?.input, "text+image");
  assert.ok(!listed.some((m) => m.key === "amazon-bedrock/anthropic.claude-haiku-4-5-20251001-v1:0"), "a profile-only bare id is not listed");
});

test("enabled: false lists nothing, even with credentials, refreshed or not", async () => {
  oc.setDiscovery({ enabled: false });
  for (const refresh of [["--refresh"], []]) {
    const out = await oc.run(["models", "list", ...refresh, "--provider", "amazon-bedrock", "--json"], viaEmulator(envKeys()));
    assert.equal(out.code, 0, out.stderr);
    assert.equal(parseJsonOutput(out.stdout).models.length, 0, `models list ${refresh.join(" ")}`);
  }
});

test("once discovery has run, the plain openclaw models list shows the invocable set without --refresh", async () => {
  oc.setDiscovery(undefined);
  const env = viaEmulator(envKeys());
  const refreshed = await oc.run(["models", "list", "--refresh", "--provider", "amazon-bedrock", "--json"], env);
  assert.equal(refreshed.code, 0, refreshed.stderr);
  const keys = (stdout: string) => parseJsonOutput<{ models: { key: string }[] }>(stdout).models.map((m) => m.key).sort();
  for (const args of [["models", "list", "--provider", "amazon-bedrock", "--json"], ["models", "list", "--all", "--json"]]) {
    const plain = await oc.run(args, env);
    assert.equal(plain.code, 0, plain.stderr);
    assert.deepEqual(keys(plain.stdout).filter((k) => k.startsWith("amazon-bedrock/")), keys(refreshed.stdout), args.join(" "));
  }
});

test("openclaw bedrock doctor --json and openclaw bedrock models --all run our commands inside OpenClaw", async () => {
  oc.setDiscovery(undefined);
  const env = viaEmulator(envKeys());
  const doctor = await oc.run(["bedrock", "doctor", "--json", "--aws-profile", "default", "--no-invoke"], env);
  // --aws-profile default with env keys: the profile is named on purpose, and env keys still win the chain.
  const report = parseJsonOutput(doctor.stdout);
  assert.deepEqual(report.checks.map((c: { id: string }) => c.id), ["host", "config", "region", "credentials", "identity", "discovery", "model", "capabilities", "invoke", "embeddings"]);
  const host = report.checks[0];
  assert.equal(host.details.release, oc.host.version, "the doctor names the release running it");
  assert.deepEqual(host.details.missing, [], `${oc.host.version} has every feature: ${host.summary}`);
  const full = await oc.run(["bedrock", "doctor", "--json"], env);
  assert.equal(full.code, 0, full.stdout + full.stderr);
  const ok = parseJsonOutput(full.stdout);
  assert.equal(ok.ok, true);
  assert.equal(ok.checks.find((c: { id: string }) => c.id === "invoke").status, "pass");
  const models = await oc.run(["bedrock", "models", "--all", "--json"], env);
  assert.equal(models.code, 0, models.stderr);
  const rows = parseJsonOutput(models.stdout).models as { provider: string; tags: string[] }[];
  assert.ok(rows.length > 60 && rows.every((r) => r.provider === "amazon-bedrock"));
  assert.ok(rows.some((r) => r.tags.includes("profile-only")), "--all shows why models are left out");
});

test("commands that don't use Bedrock load none of the plugin's modules; a refreshed list loads only the catalog", async () => {
  oc.setDiscovery(undefined);
  const marker = path.join(oc.sb.dir, "loaded.txt");
  const env = viaEmulator({ ...envKeys(), BEDROCK_LOAD_MARKER: marker, NODE_OPTIONS: `--import ${path.join(import.meta.dirname, "load-marker.mjs")}` });
  const loaded = () => (fs.existsSync(marker) ? fs.readFileSync(marker, "utf8").trim().split("\n").map((line) => path.basename(line)) : []);
  for (const args of [["--help"], ["config", "get", "plugins"], ["plugins", "list"]]) {
    fs.rmSync(marker, { force: true });
    const out = await oc.run(args, env);
    assert.equal(out.code, 0, `${args.join(" ")}: ${out.stderr}`);
    assert.deepEqual(loaded(), [], `openclaw ${args.join(" ")} loaded plugin modules`);
  }
  // The plain list shows the Bedrock models an earlier discovery left in models.json: OpenClaw loads the plugin's
  // entry for their provider, and nothing else of it (no catalog, no transport, no SDK).
  fs.rmSync(marker, { force: true });
  const list = await oc.run(["models", "list"], env);
  assert.equal(list.code, 0, list.stderr);
  assert.deepEqual([...new Set(loaded())], ["plugin.cjs"], "openclaw models list loaded more than the plugin's entry");
  fs.rmSync(marker, { force: true });
  const refreshed = await oc.run(["models", "list", "--refresh", "--provider", "amazon-bedrock", "--json"], env);
  assert.equal(refreshed.code, 0, refreshed.stderr);
  const modules = new Set(loaded());
  assert.ok(modules.has("plugin.cjs") && modules.has("plugin-catalog.cjs"), `loaded: ${[...modules].join(", ")}`);
  assert.ok(!modules.has("plugin-cli.cjs") && ![...modules].some((m) => m.startsWith("commands-")), "no command module for a list");
});

for (const enabled of [true, undefined]) {
  test(`an EC2 instance role (no AWS env markers, no ~/.aws files) with enabled: ${enabled} gets the models listed`, async () => {
    // A home of its own: nothing an earlier listing left behind may stand in for this one.
    const fresh = await openClawWithPlugin();
    try {
      fresh.setDiscovery(enabled === undefined ? undefined : { enabled });
      const env = fresh.env({ AWS_ENDPOINT_URL: emulator.url, AWS_REGION: "us-east-1", ...instanceRole(emulator) });
      const out = await fresh.run(["models", "list", "--refresh", "--provider", "amazon-bedrock", "--json"], env);
      assert.equal(out.code, 0, out.stderr);
      assert.ok(parseJsonOutput(out.stdout).models.length > 40, out.stdout + out.stderr);
      assert.ok(emulator.requests.some((r) => r.operation === "IMDS"), "the credentials came from the instance-metadata service");
    } finally {
      fresh.cleanup();
    }
  });
}
