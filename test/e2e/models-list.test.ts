// `openclaw models list` end to end: the built bin against the loopback emulator serving the real captures.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { runCli, type Sandbox } from "../helpers/cli.ts";
import { bearer, container, emulatorEnv, envKeys, filesUnder, instanceRole, useEmulatorAndSandbox, writeAwsFiles } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { applicationProfile, fixtureCatalog } from "../emulator/bedrock.ts";
import { allSecrets, CONTAINER_ROLE, INSTANCE_ROLE, OTHER_ACCOUNT_USER, STATIC_USER } from "../emulator/identities.ts";
import { checkAgainstBaseline, timed, timeoutFor, unfaultedMs } from "../helpers/timing.ts";

let emulator: Emulator;
let sb: Sandbox;
useEmulatorAndSandbox(() => {
  const catalog = fixtureCatalog();
  catalog.inferenceProfiles.push(applicationProfile({ id: "kx7q2m9p4t1z", name: "support-bot", region: "us-west-2", account: STATIC_USER.account, baseModelId: "anthropic.claude-haiku-4-5-20251001-v1:0" }));
  return startEmulator({ catalog, imds: { region: "us-east-1" } });
}, (state) => ({ emulator, sb } = state));

const list = (args: string[], extra: Record<string, string | undefined> = envKeys()) => runCli(["models", "list", ...args], { env: emulatorEnv(sb, emulator, extra) });
const listJson = async (args: string[] = [], extra?: Record<string, string | undefined>) => {
  const r = await list(["--json", ...args], extra);
  assert.equal(r.code, 0, r.stderr);
  return { ...JSON.parse(r.stdout), stderr: r.stderr };
};
const bedrockCalls = () => emulator.requests.filter((r) => r.operation === "ListFoundationModels" || r.operation === "ListInferenceProfiles");

test("env keys: the listed models are exactly the invocable ones, signed with those keys", async () => {
  const out = await listJson();
  const ids = out.models.map((m: { id: string }) => m.id);
  assert.equal(out.discovery.status, "ok");
  assert.equal(out.discovery.credentialSource, "env");
  assert.ok(ids.includes("amazon.nova-micro-v1:0"), "on-demand model listed");
  assert.ok(ids.includes("us.anthropic.claude-sonnet-4-20250514-v1:0"), "its profile listed");
  assert.ok(!ids.includes("anthropic.claude-sonnet-4-20250514-v1:0"), "a profile-only model is not listed by its bare id");
  assert.ok(!ids.includes("amazon.titan-text-express-v1"), "LEGACY left out");
  assert.ok(!ids.includes("amazon.nova-2-lite-v1:0:256k"), "PROVISIONED-only variant left out");
  assert.ok(!ids.includes("amazon.titan-embed-text-v1"), "embeddings left out");
  assert.ok(!ids.includes("us.anthropic.claude-3-7-sonnet-20250219-v1:0"), "a profile whose base model is LEGACY is left out");
  assert.ok(!ids.some((id: string) => id.includes("stability.")), "image models left out");
  for (const call of bedrockCalls()) assert.equal(call.accessKeyId, STATIC_USER.accessKeyId);
  assert.equal(out.stderr, "", "nothing stray on stderr (no SDK Node-version warning)");
});

test("known models get their real limits, never the 32000 fallback; unknown ones get the configured defaults", async () => {
  sb.writeConfig(JSON.stringify({ models: { bedrockDiscovery: { defaultContextWindow: 64000, defaultMaxTokens: 2048 } } }));
  const out = await listJson();
  const byId = new Map(out.models.map((m: { id: string }) => [m.id, m]));
  assert.deepEqual(pick(byId.get("global.anthropic.claude-opus-4-5-20251101-v1:0")), { contextWindow: 200000, maxTokens: 64000, reasoning: true });
  assert.deepEqual(pick(byId.get("us.amazon.nova-premier-v1:0")), { contextWindow: 1000000, maxTokens: 32000, reasoning: false });
  assert.deepEqual(pick(byId.get("openai.gpt-oss-120b-1:0")), { contextWindow: 128000, maxTokens: 16384, reasoning: true });
  assert.deepEqual(pick(byId.get("twelvelabs.pegasus-1-2-v1:0")), { contextWindow: 64000, maxTokens: 2048, reasoning: false });
});

function pick(m: any) {
  return { contextWindow: m.contextWindow, maxTokens: m.maxTokens, reasoning: m.reasoning };
}

test("profiles: system-defined by id, application ones by ARN, both inheriting the base model's name and limits", async () => {
  const out = await listJson();
  const system = out.models.find((m: { id: string }) => m.id === "us.anthropic.claude-haiku-4-5-20251001-v1:0");
  assert.equal(system.kind, "inference-profile");
  assert.equal(system.name, "Claude Haiku 4.5");
  assert.equal(system.baseModelId, "anthropic.claude-haiku-4-5-20251001-v1:0");
  assert.ok(system.tags.includes("profile"));
  const app = out.models.find((m: { kind: string }) => m.kind === "application-inference-profile");
  assert.equal(app.id, `arn:aws:bedrock:us-west-2:${STATIC_USER.account}:application-inference-profile/kx7q2m9p4t1z`);
  assert.equal(app.key, `amazon-bedrock/${app.id}`);
  assert.match(app.name, /support-bot/);
  assert.equal(app.contextWindow, 200000);
});

test("--all shows the left-out models, each tagged with why", async () => {
  const out = await listJson(["--all"]);
  const tags = (id: string) => out.models.find((m: { id: string }) => m.id === id)?.tags ?? [];
  assert.ok(tags("anthropic.claude-sonnet-4-20250514-v1:0").includes("profile-only"));
  assert.ok(tags("amazon.titan-text-express-v1").includes("legacy"));
  assert.ok(tags("amazon.titan-embed-text-v1").includes("not-text"));
  assert.ok(tags("amazon.nova-2-lite-v1:0:256k").includes("provisioned-only"));
  assert.ok(tags("amazon.nova-premier-v1:0:8k").includes("provisioned-only"), "no inference type at all");
  assert.ok(tags("cohere.rerank-v3-5:0").includes("no-streaming"));
});

test("providerFilter matches the provider name or the id's vendor prefix, case-insensitively, profiles by their base model", async () => {
  sb.writeConfig('{ models: { bedrockDiscovery: { providerFilter: ["MISTRAL", "deepseek"] } } }');
  const out = await listJson();
  const ids: string[] = out.models.map((m: { id: string }) => m.id);
  assert.ok(ids.length > 0);
  assert.ok(ids.every((id) => /^(us\.)?(mistral|deepseek)\./.test(id)), ids.join(" "));
  assert.ok(ids.includes("us.deepseek.r1-v1:0"));
  assert.ok(ids.includes("mistral.voxtral-mini-3b-2507"));
});

test("a Bedrock API key is sent as a bearer token", async () => {
  const out = await listJson([], bearer());
  assert.equal(out.discovery.credentialSource, "bearer-token");
  assert.ok(bedrockCalls().every((r) => r.authKind === "bearer"));
});

test("a profile from the shared files signs the requests, and its region is used", async () => {
  writeAwsFiles(sb, {
    config: "[profile gateway]\nregion = eu-central-1\n",
    credentials: `[gateway]\naws_access_key_id = ${OTHER_ACCOUNT_USER.accessKeyId}\naws_secret_access_key = ${OTHER_ACCOUNT_USER.secretAccessKey}\n`,
  });
  const out = await listJson([], { AWS_PROFILE: "gateway", AWS_REGION: undefined });
  assert.equal(out.discovery.credentialSource, "profile");
  assert.equal(out.discovery.region, "eu-central-1");
  assert.equal(out.discovery.regionSource, "profile");
  assert.ok(bedrockCalls().every((r) => r.accessKeyId === OTHER_ACCOUNT_USER.accessKeyId && r.region === "eu-central-1"));
});

test("an EC2 instance role is found with no env markers at all (no AWS_PROFILE=default workaround)", async () => {
  const out = await listJson([], instanceRole(emulator));
  assert.equal(out.discovery.credentialSource, "instance-metadata");
  assert.ok(out.count > 40);
  assert.ok(bedrockCalls().every((r) => r.accessKeyId === INSTANCE_ROLE.accessKeyId));
});

test("container credentials are used when the container endpoint is set", async () => {
  const out = await listJson([], container(emulator));
  assert.equal(out.discovery.credentialSource, "container");
  assert.ok(bedrockCalls().every((r) => r.accessKeyId === CONTAINER_ROLE.accessKeyId));
});

test("region precedence: config, AWS_REGION, AWS_DEFAULT_REGION, profile, us-east-1", async () => {
  writeAwsFiles(sb, { config: "[default]\nregion = ap-southeast-2\n" });
  const regionOf = async (extra: Record<string, string | undefined>) => {
    const out = await listJson(["--refresh"], { ...envKeys(), AWS_REGION: undefined, ...extra });
    return `${out.discovery.region}/${out.discovery.regionSource}`;
  };
  sb.writeConfig('{ models: { bedrockDiscovery: { region: "eu-west-3" } } }');
  assert.equal(await regionOf({ AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "ca-central-1" }), "eu-west-3/config");
  sb.writeConfig("{}");
  assert.equal(await regionOf({ AWS_REGION: "us-east-2", AWS_DEFAULT_REGION: "ca-central-1" }), "us-east-2/AWS_REGION");
  assert.equal(await regionOf({ AWS_DEFAULT_REGION: "ca-central-1" }), "ca-central-1/AWS_DEFAULT_REGION");
  assert.equal(await regionOf({}), "ap-southeast-2/profile");
  writeAwsFiles(sb, { config: "" });
  assert.equal(await regionOf({}), "us-east-1/default");
  assert.equal(emulator.requests.at(-1)!.region, "us-east-1");
});

test("a fresh cache answers without a single request; --refresh and expiry go back to Bedrock", async () => {
  await listJson();
  const calls = bedrockCalls().length;
  const cached = await listJson();
  assert.equal(cached.discovery.status, "cached");
  assert.equal(bedrockCalls().length, calls, "cache hit sent no request");
  await listJson(["--refresh"]);
  assert.ok(bedrockCalls().length > calls);
  const [file] = filesUnder(`${sb.stateDir}/cache`).filter((f) => f.includes("bedrock-models-"));
  const entry = JSON.parse(fs.readFileSync(file!, "utf8"));
  entry.fetchedAt -= 3601_000;
  fs.writeFileSync(file!, JSON.stringify(entry));
  const expired = await listJson();
  assert.equal(expired.discovery.status, "ok");
});

test("refreshInterval 0 turns the cache off", async () => {
  sb.writeConfig("{ models: { bedrockDiscovery: { refreshInterval: 0 } } }");
  await listJson();
  await listJson();
  assert.equal(emulator.count("ListFoundationModels"), 2);
  assert.deepEqual(filesUnder(`${sb.stateDir}/cache`).filter((f) => f.includes("bedrock-models-")), []);
});

test("two accounts never share a cache entry", async () => {
  await listJson();
  const other = await listJson([], envKeys(OTHER_ACCOUNT_USER));
  assert.equal(other.discovery.status, "ok");
  assert.equal(filesUnder(`${sb.stateDir}/cache`).filter((f) => f.includes("bedrock-models-")).length, 2);
});

test("when a refresh fails, the older entry is served and marked stale, with the cause on stderr", async () => {
  await listJson();
  emulator.fault("ListFoundationModels", { error: "ServiceUnavailableException" });
  const stale = await listJson(["--refresh"]);
  assert.equal(stale.discovery.status, "stale");
  assert.ok(stale.count > 40);
  assert.match(stale.stderr, /showing Bedrock models cached .* ago; Bedrock discovery failed: .*server error \(ServiceUnavailableException: .*\)\. fix: retry/);
});

test("throttling is retried and the listing still arrives", async () => {
  emulator.fault("ListFoundationModels", { error: "ThrottlingException", times: 2 });
  const out = await listJson();
  assert.equal(out.discovery.status, "ok");
  assert.equal(emulator.count("ListFoundationModels"), 3);
});

test("AccessDenied is explained with the missing IAM action; configured models still print; exit 0", async () => {
  sb.writeConfig('{ models: { providers: { ollama: { baseUrl: "http://127.0.0.1:11434", models: [{ id: "llama3.2" }] } } } }');
  emulator.fault("ListInferenceProfiles", { error: "AccessDeniedException" });
  const r = await list([]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /ollama\/llama3\.2/);
  assert.match(r.stderr, /missing IAM permission bedrock:ListInferenceProfiles/);
  assert.match(r.stderr, /fix: allow "bedrock:ListInferenceProfiles"/);
  assert.equal(r.stderr.trim().split("\n").length, 1, "one line");
});

test("enabled: true and discovery failed with nothing cached: exit 1", async () => {
  sb.writeConfig("{ models: { bedrockDiscovery: { enabled: true } } }");
  emulator.fault("ListFoundationModels", { error: "AccessDeniedException" });
  const r = await list(["--json"]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.discovery.status, "error");
  assert.equal(out.discovery.error.code, "access-denied");
});

test("a hung endpoint ends at the timeout with a clear message", async () => {
  const baseline = await unfaultedMs(emulator, ["models", "list", "--refresh"], { ...envKeys(), OPENCLAW_BEDROCK_TIMEOUT: "60" });
  const timeout = timeoutFor(baseline, 1);
  emulator.fault("ListFoundationModels", { hang: true });
  const { result: r, ms: elapsed } = await timed(() => list([], { ...envKeys(), OPENCLAW_BEDROCK_TIMEOUT: String(timeout) }));
  checkAgainstBaseline("models list with a hung endpoint", elapsed, baseline, timeout * 1000 + 2000);
  assert.equal(r.code, 0);
  assert.match(r.stderr, new RegExp(`no answer from http://127\\.0\\.0\\.1:\\d+ within ${timeout}s`));
});

test("no credentials anywhere: discovery stays off, configured models print, nothing is sent", async () => {
  sb.writeConfig('{ models: { providers: { openai: { models: [{ id: "gpt-5" }] } } } }');
  const r = await list([], {});
  assert.equal(r.code, 0);
  assert.match(r.stdout, /openai\/gpt-5/);
  assert.match(r.stderr, /Bedrock discovery is off: no AWS credentials/);
  assert.equal(emulator.requests.length, 0);
  sb.writeConfig("{ models: { bedrockDiscovery: { enabled: false } } }");
  const off = await listJson();
  assert.equal(off.discovery.status, "disabled");
  assert.equal(emulator.requests.length, 0);
});

test("enabled: true with no credentials anywhere: the SDK's own chain is asked (its lazily loaded bundle) and says so", async () => {
  sb.writeConfig("{ models: { bedrockDiscovery: { enabled: true } } }");
  const r = await list(["--json"], {});
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.discovery.status, "error");
  assert.equal(out.discovery.error.code, "no-credentials");
  assert.equal(emulator.requests.length, 0, "nothing is sent unsigned");
});

test("configured Bedrock models override discovered ones field by field; default and missing are tagged", async () => {
  sb.writeConfig(`{
    agents: { defaults: { model: { primary: "amazon-bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0" } } },
    models: { providers: { "amazon-bedrock": { api: "bedrock-converse-stream", auth: "aws-sdk", models: [
      { id: "us.anthropic.claude-haiku-4-5-20251001-v1:0", name: "Haiku (team)", maxTokens: 8000 },
      { id: "anthropic.claude-sonnet-4-20250514-v1:0", name: "Sonnet bare id" },
    ] } } },
  }`);
  const out = await listJson();
  const haiku = out.models.find((m: { id: string }) => m.id === "us.anthropic.claude-haiku-4-5-20251001-v1:0");
  assert.equal(haiku.name, "Haiku (team)");
  assert.equal(haiku.maxTokens, 8000);
  assert.equal(haiku.contextWindow, 200000, "unset fields come from discovery");
  assert.deepEqual(haiku.tags.slice(0, 3), ["default", "configured", "discovered"]);
  assert.equal(haiku.source, "configured");
  const bare = out.models.find((m: { id: string }) => m.id === "anthropic.claude-sonnet-4-20250514-v1:0");
  assert.ok(bare.tags.includes("missing"));
  assert.match(out.stderr, /can only be invoked through an inference profile; use amazon-bedrock\/us\.anthropic\.claude-sonnet-4-20250514-v1:0/);
  assert.equal(out.models.filter((m: { id: string }) => m.id === haiku.id).length, 1, "no duplicate row");
});

test("--plain prints one key per line; --provider narrows the list", async () => {
  const plain = await list(["--plain", "--provider", "amazon-bedrock"]);
  const lines = plain.stdout.trim().split("\n");
  assert.ok(lines.length > 40);
  assert.ok(lines.every((l) => /^amazon-bedrock\/\S+$/.test(l)));
  sb.writeConfig('{ models: { providers: { ollama: { models: [{ id: "qwen3" }] } } } }');
  emulator.requests.length = 0;
  const other = await list(["--plain", "--provider", "ollama"]);
  assert.equal(other.stdout, "ollama/qwen3\n");
  assert.equal(emulator.requests.length, 0, "no Bedrock call for another provider");
});

test("the table fits 80 columns on a terminal and has no colour when piped", async () => {
  const r = await list([]);
  assert.doesNotMatch(r.stdout, /\u001b\[/);
  assert.match(r.stdout.split("\n")[0]!, /^Model\s+Input\s+Ctx\s+Out\s+Kind\s+Local\s+Auth\s+Tags$/);
});

test("no secret reaches stdout, stderr or the cache", async () => {
  const outputs = [await list(["--json"]), await list([], bearer()), await list(["--json"], instanceRole(emulator))];
  emulator.fault("ListFoundationModels", { error: "InvalidSignatureException" });
  outputs.push(await list(["--refresh"], { ...envKeys(), AWS_SECRET_ACCESS_KEY: "wrong" }));
  const haystack = outputs.map((o) => o.stdout + o.stderr).join("\n") + filesUnder(sb.dir).map((f) => fs.readFileSync(f, "utf8")).join("\n");
  for (const secret of allSecrets()) assert.ok(!haystack.includes(secret), `leaked ${secret.slice(0, 6)}…`);
  for (const file of filesUnder(`${sb.stateDir}/cache`)) assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(fs.statSync(`${sb.stateDir}/cache`).mode & 0o777, 0o700);
});

test("--all --json names the fields a model gets by assumption; known models assume nothing", async () => {
  const out = await listJson(["--all", "--provider", "amazon-bedrock"]);
  const haiku = out.models.find((m: { id: string }) => m.id === "us.anthropic.claude-haiku-4-5-20251001-v1:0");
  assert.deepEqual(haiku.assumed, []);
  assert.equal(haiku.reasoning, true);
  assert.equal(haiku.input, "text+image");
  const unknown = out.models.find((m: { assumed: string[]; tags: string[] }) => m.assumed.includes("contextWindow"));
  assert.ok(unknown, "the capture has a model the tables do not know");
  assert.ok(unknown.tags.includes("defaults"));
  const leftOut = out.models.filter((m: { invocable: boolean; assumed: string[] }) => !m.invocable && m.assumed.length > 0);
  assert.ok(leftOut.length > 0, "the capture has left-out models the tables do not know");
  for (const m of leftOut) assert.ok(m.tags.includes("defaults"), `${m.id}: ${m.tags}`);
});
