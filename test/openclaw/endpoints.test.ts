// Private endpoints in the real OpenClaw 2026.9.6: a provider baseUrl naming an interface VPC endpoint carries the
// turns, the plugin's endpoints.control carries the control plane. Each child process resolves *.vpce.amazonaws.com
// to the loopback emulator and refuses every other AWS host name (vpce-dns.mjs), and no AWS_ENDPOINT_URL is set:
// a call that went anywhere but the configured endpoint fails instead of arriving.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { bearer, envKeys } from "../helpers/bedrock-env.ts";
import { runCli } from "../helpers/cli.ts";
import { openClawWithPlugin, parseJsonOutput, type OpenClawRun } from "../helpers/openclaw.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";

let oc: OpenClawRun;
let emulator: Emulator;
const PROFILE = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
const REPLY = "Hello through the interface endpoint.";
const preload = path.join(import.meta.dirname, "vpce-dns.mjs");
let runtimeHost: string;
let controlHost: string;

before(async () => {
  emulator = await startEmulator({ replyText: REPLY });
  runtimeHost = `vpce-0abc123-xyz9.bedrock-runtime.us-east-1.vpce.amazonaws.com:${emulator.port}`;
  controlHost = `vpce-0def456-uvw8.bedrock.us-east-1.vpce.amazonaws.com:${emulator.port}`;
  oc = await openClawWithPlugin();
  const config = JSON.parse(oc.sb.readConfig());
  config.models = { providers: { "amazon-bedrock": { baseUrl: `http://${runtimeHost}`, api: "bedrock-converse-stream", auth: "aws-sdk", models: [] } } };
  config.plugins.entries["amazon-bedrock"].config = { endpoints: { control: `http://${controlHost}` } };
  oc.sb.writeConfig(`${JSON.stringify(config, null, 2)}\n`);
});
after(async () => {
  await emulator?.stop();
  oc?.cleanup();
});

// us-west-2 here, us-east-1 in the endpoint's name: the signature must carry the endpoint's region.
const env = (extra: Record<string, string> = envKeys()) => oc.env({ NODE_OPTIONS: `--import ${preload}`, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-west-2", ...extra });
const lastConverse = () => emulator.requests.filter((r) => r.operation === "ConverseStream").at(-1);

test("a turn goes to the provider's VPC-endpoint baseUrl, signed for bedrock in the endpoint's region", async () => {
  const out = await oc.run(["infer", "model", "run", "--model", `amazon-bedrock/${PROFILE}`, "--prompt", "hi", "--json"], env());
  assert.equal(out.code, 0, out.stdout + out.stderr);
  assert.equal(parseJsonOutput(out.stdout).outputs[0].text, REPLY);
  const call = lastConverse()!;
  assert.equal(call.host, runtimeHost, "the request arrived addressed to the interface endpoint");
  assert.deepEqual([call.authKind, call.service, call.region, call.status], ["sigv4", "bedrock", "us-east-1", 200], "the emulator verified a SigV4 signature for bedrock in us-east-1");
});

test("openclaw bedrock models discovers through endpoints.control, and the provider OpenClaw lists keeps the private baseUrl", async () => {
  const before = emulator.requests.length;
  const out = await oc.run(["bedrock", "models", "--refresh", "--json"], env({ ...envKeys(), AWS_REGION: "us-east-1" }));
  assert.equal(out.code, 0, out.stdout + out.stderr);
  assert.ok(parseJsonOutput(out.stdout).models.length > 0);
  const seen = emulator.requests.slice(before);
  const listed = seen.filter((r) => r.operation.startsWith("List")).map((r) => `${r.operation} ${r.host} ${r.authKind} ${r.service} ${r.region} ${r.status}`);
  assert.deepEqual([...new Set(listed)].sort(), [`ListFoundationModels ${controlHost} sigv4 bedrock us-east-1 200`, `ListInferenceProfiles ${controlHost} sigv4 bedrock us-east-1 200`]);
  const published = JSON.parse(fs.readFileSync(path.join(oc.sb.stateDir, "agents", "main", "agent", "models.json"), "utf8"));
  assert.equal(published.providers["amazon-bedrock"].baseUrl, `http://${runtimeHost}`);
});

test("the standalone doctor with a Bedrock API key: control-plane calls to endpoints.control, the test call to the baseUrl, both as a bearer token, and it says both are private", async () => {
  const before = emulator.requests.length;
  const out = await runCli(["bedrock", "doctor", "--json", "--region", "us-east-1"], { env: env(bearer()) });
  const report = JSON.parse(out.stdout);
  assert.equal(report.ok, true, out.stdout + out.stderr);
  const seen = emulator.requests.slice(before);
  const callsOf = (operation: string) => [...new Set(seen.filter((r) => r.operation === operation).map((r) => `${r.host} ${r.authKind} ${r.status}`))];
  assert.deepEqual(callsOf("ListFoundationModels"), [`${controlHost} bearer 200`]);
  assert.deepEqual(callsOf("ListInferenceProfiles"), [`${controlHost} bearer 200`]);
  assert.deepEqual(callsOf("ConverseStream"), [`${runtimeHost} bearer 200`]);
  const region = report.checks.find((c: { id: string }) => c.id === "region");
  assert.deepEqual([region.details.endpoints.runtime.kind, region.details.endpoints.control.kind], ["vpc-endpoint", "vpc-endpoint"]);
  assert.ok(region.notes.some((n: string) => n.startsWith(`the control plane to http://${controlHost} (private: an interface VPC endpoint; from plugins.entries.amazon-bedrock.config.endpoints.control)`)), region.notes.join("\n"));
});

test("OpenClaw's own config set refuses an endpoints.control that is not a URL, through the plugin's schema", async () => {
  const out = await oc.run(["config", "set", "plugins.entries.amazon-bedrock.config.endpoints.control", "vpce-0abc.bedrock.us-east-1.vpce.amazonaws.com"], env());
  assert.notEqual(out.code, 0, out.stdout + out.stderr);
  assert.match(out.stdout + out.stderr, /endpoints\.control/, "the refusal names the key");
  assert.match(oc.sb.readConfig(), new RegExp(`"control": "http://${controlHost.replace(/\./g, "\\.")}"`), "the file kept its endpoint");
});
