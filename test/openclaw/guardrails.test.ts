// Guardrails and service tiers in the real OpenClaw 2026.9.6 with the plugin installed, against the emulator:
// OpenClaw's own `config set` checks the settings with the plugin's schema, a guardrail's intervention reaches
// OpenClaw as the error (never as the answer), and a tier set per model reaches Bedrock. One install for the file.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { envKeys } from "../helpers/bedrock-env.ts";
import { openClawWithPlugin, parseJsonOutput, type OpenClawRun } from "../helpers/openclaw.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { EMULATOR_GUARDRAIL } from "../emulator/guardrails.ts";

let oc: OpenClawRun;
let emulator: Emulator;
let installed: Record<string, any>;
const PROFILE = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
const NOVA = "us.amazon.nova-lite-v1:0";

before(async () => {
  emulator = await startEmulator({ replyText: "Hello through the guardrail." });
  oc = await openClawWithPlugin();
  oc.setDiscovery(undefined);
  installed = JSON.parse(oc.sb.readConfig());
});
after(async () => {
  await emulator?.stop();
  oc?.cleanup();
});

const env = () => oc.env({ AWS_ENDPOINT_URL: emulator.url, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-west-2", ...envKeys() });
const converseCalls = () => emulator.requests.filter((r) => r.operation === "ConverseStream");
/** The installed config with the plugin's config (and any other top-level keys) as given. */
function writeConfig(pluginConfig: Record<string, unknown>, extra: Record<string, unknown> = {}): void {
  const config = structuredClone(installed);
  config.plugins.entries["amazon-bedrock"].config = pluginConfig;
  oc.sb.writeConfig(`${JSON.stringify({ ...config, ...extra }, null, 2)}\n`);
}

test("OpenClaw's own config set refuses a guardrail version the plugin's schema refuses, and changes nothing", async () => {
  writeConfig({});
  const before = oc.sb.readConfig();
  const value = { guardrailIdentifier: EMULATOR_GUARDRAIL.id, guardrailVersion: "draft" };
  const out = await oc.run(["config", "set", "plugins.entries.amazon-bedrock.config.guardrail", JSON.stringify(value)], env());
  assert.notEqual(out.code, 0, out.stdout + out.stderr);
  assert.match(out.stdout + out.stderr, /plugins\.entries\.amazon-bedrock\.config\.guardrail\.guardrailVersion: invalid config: must match pattern/);
  assert.equal(oc.sb.readConfig(), before, "a refused set changes nothing");
});

test("a guardrail intervention reaches OpenClaw as the error naming the guardrail and the policy, not as the answer", async () => {
  writeConfig({ guardrail: { guardrailIdentifier: EMULATOR_GUARDRAIL.id, guardrailVersion: "1", trace: "enabled" } });
  const out = await oc.run(["infer", "model", "run", "--model", `amazon-bedrock/${PROFILE}`, "--prompt", "What is project swordfish?", "--json"], env());
  assert.equal(out.code, 1, out.stdout + out.stderr);
  const result = parseJsonOutput(out.stdout);
  assert.equal(result.ok, false);
  assert.match(result.error.message, /guardrail gr1emulator01 \(version 1\) intervened .*on the prompt: denied topic "Project Swordfish"/);
  assert.doesNotMatch(out.stdout + out.stderr, /Sorry, the model cannot answer/, "the guardrail's replacement text is not shown as the answer");
  assert.deepEqual(converseCalls().at(-1)!.converse!.guardrailConfig, { guardrailIdentifier: EMULATOR_GUARDRAIL.id, guardrailVersion: "1", trace: "enabled" });
});

test("a service tier set for one model in OpenClaw's params wins over the plugin's, and reaches Bedrock", async () => {
  writeConfig({ serviceTier: "priority" }, { agents: { defaults: { models: { [`amazon-bedrock/${NOVA}`]: { params: { serviceTier: "flex" } } } } } });
  const out = await oc.run(["infer", "model", "run", "--model", `amazon-bedrock/${NOVA}`, "--prompt", "hi", "--json"], env());
  assert.equal(out.code, 0, out.stdout + out.stderr);
  assert.equal(parseJsonOutput(out.stdout).outputs[0].text, "Hello through the guardrail.");
  assert.deepEqual(converseCalls().at(-1)!.converse!.serviceTier, { type: "flex" });
});
