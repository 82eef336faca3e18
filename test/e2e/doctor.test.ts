// `openclaw bedrock doctor` end to end against the emulator: every check, every failure mode, the JSON shape.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runCli, type Sandbox } from "../helpers/cli.ts";
import { bearer, emulatorEnv, envKeys, instanceRole, useEmulatorAndSandbox, writeAwsFiles } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { allSecrets, EXPIRED_SESSION, STATIC_USER } from "../emulator/identities.ts";
import { checkAgainstBaseline, timed, timeoutFor, unfaultedMs } from "../helpers/timing.ts";

let emulator: Emulator;
let sb: Sandbox;
useEmulatorAndSandbox(() => startEmulator({ imds: { region: "us-east-1" }, chunkSize: 6 }), (state) => ({ emulator, sb } = state));

const doctor = (args: string[], extra: Record<string, string | undefined> = envKeys()) => runCli(["bedrock", "doctor", ...args], { env: emulatorEnv(sb, emulator, { LANG: "C.UTF-8", ...extra }) });
const doctorJson = async (args: string[] = [], extra?: Record<string, string | undefined>) => {
  const r = await doctor(["--json", ...args], extra);
  return { ...JSON.parse(r.stdout), code: r.code, stderr: r.stderr };
};
const byId = (report: { checks: { id: string }[] }, id: string) => report.checks.find((c) => c.id === id) as any;

test("all green with env keys: eight checks, a streamed reply, exit 0", async () => {
  const r = await doctor([]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const id of ["config", "region", "credentials", "identity", "discovery", "model", "capabilities", "invoke"]) assert.match(r.stdout, new RegExp(`✓ ${id}\\b`));
  assert.match(r.stdout, /streaming us\.anthropic\.claude-haiku-4-5-20251001-v1:0: Hello from the Bedrock emulator/);
  assert.match(r.stdout, /first token \d+ ms, total \d+ ms, \d+ in \/ \d+ out tokens, stop end_turn/);
  assert.match(r.stdout, /\n8 passed, 0 warnings, 0 failed\n$/);
  assert.match(r.stdout, /✓ capabilities +us\.anthropic\.claude-haiku-4-5-20251001-v1:0 → anthropic\.claude-haiku-4-5-20251001-v1:0: context 200000, max output 64000, input text\+image, reasoning budget, prompt caching from 4096 tokens \(5m, 1h\)\n/);
  assert.equal(r.stderr, "");
  const stream = emulator.requests.find((q) => q.operation === "ConverseStream")!;
  assert.equal(stream.httpVersion, "2.0", "the runtime call goes over HTTP/2 like OpenClaw's");
  assert.equal(stream.accessKeyId, STATIC_USER.accessKeyId);
});

test("--json: { ok, region, credentialSource, checks[{ id, status, summary, details, fix? }], invoke }", async () => {
  const report = await doctorJson();
  assert.equal(report.code, 0);
  assert.equal(report.ok, true);
  assert.equal(report.region, "us-west-2");
  assert.equal(report.credentialSource, "env");
  assert.deepEqual(report.checks.map((c: { id: string }) => c.id), ["config", "region", "credentials", "identity", "discovery", "model", "capabilities", "invoke", "embeddings"]);
  assert.equal(byId(report, "embeddings").status, "skip", "memory search does not use Bedrock here");
  for (const c of report.checks) {
    assert.ok(["pass", "warn", "fail", "skip"].includes(c.status));
    assert.equal(typeof c.summary, "string");
    assert.equal(typeof c.details, "object");
  }
  assert.equal(byId(report, "credentials").details.accessKeyId, "AKIA…0001");
  assert.deepEqual(Object.keys(report.invoke).sort(), ["cacheReadTokens", "cacheWriteTokens", "inputTokens", "latencyMs", "modelId", "outputTokens", "stopReason", "text", "ttftMs"]);
  assert.deepEqual(byId(report, "capabilities").details.assumed, []);
  assert.equal(report.invoke.stopReason, "end_turn");
});

test("a Bedrock API key: bearer auth, identity skipped, everything else passes", async () => {
  const report = await doctorJson([], bearer());
  assert.equal(report.ok, true);
  assert.equal(report.credentialSource, "bearer-token");
  assert.equal(byId(report, "identity").status, "skip");
  assert.ok(emulator.requests.filter((q) => q.operation !== "IMDS").every((q) => q.authKind === "bearer"));
});

test("an instance role with no env markers works, and the doctor says how to turn OpenClaw's discovery on", async () => {
  const report = await doctorJson([], instanceRole(emulator));
  assert.equal(report.ok, true);
  const creds = byId(report, "credentials");
  assert.equal(creds.status, "warn");
  assert.equal(creds.details.openclawSees, "nothing");
  assert.equal(creds.fix, "openclaw-bedrock config set plugins.entries.amazon-bedrock.config.discovery.enabled true", "an unknown OpenClaw is taken to be a current one");
  assert.match(creds.summary, /EC2 instance role openclaw-gateway-role, key ASIA…ANCE, expires in/);
});

for (const [version, key] of [
  ["2026.9.6", "plugins.entries.amazon-bedrock.config.discovery.enabled"],
  ["2026.4.5", "plugins.entries.amazon-bedrock.config.discovery.enabled"],
  ["2026.2.9", "models.bedrockDiscovery.enabled"],
] as const) {
  test(`on OpenClaw ${version} the fix names ${key}, and once it is run the warning is gone`, async () => {
    sb.writeConfig(`{ meta: { lastTouchedVersion: "${version}" } }\n`);
    const creds = byId(await doctorJson(["--no-invoke"], instanceRole(emulator)), "credentials");
    assert.equal(creds.status, "warn");
    assert.equal(creds.fix, `openclaw-bedrock config set ${key} true`);
    const fixed = await runCli(creds.fix.split(" ").slice(1), { env: emulatorEnv(sb, emulator, instanceRole(emulator)) });
    assert.equal(fixed.code, 0, fixed.stderr);
    const after = byId(await doctorJson(["--no-invoke"], instanceRole(emulator)), "credentials");
    assert.equal(after.status, "pass", JSON.stringify(after));
    assert.match(after.notes.join("\n"), /discovery is switched on/);
  });
}

test("AWS_PROFILE and env keys both set: warns that the SDK uses the profile", async () => {
  writeAwsFiles(sb, { credentials: `[ops]\naws_access_key_id = ${STATIC_USER.accessKeyId}\naws_secret_access_key = ${STATIC_USER.secretAccessKey}\n` });
  const report = await doctorJson(["--no-invoke"], { ...envKeys(), AWS_PROFILE: "ops" });
  const creds = byId(report, "credentials");
  assert.equal(creds.status, "warn");
  assert.equal(creds.details.source, "profile");
  assert.ok(creds.notes.some((n: string) => /uses the profile and ignores the keys/.test(n)));
});

test("blank credential variables are called out", async () => {
  const report = await doctorJson(["--no-invoke"], { ...envKeys(), AWS_SESSION_TOKEN: "" });
  const creds = byId(report, "credentials");
  assert.equal(creds.status, "warn");
  assert.equal(creds.fix, "unset AWS_SESSION_TOKEN");
});

test("only AWS_DEFAULT_REGION set: used here, with a warning that the JS SDK ignores it", async () => {
  const report = await doctorJson(["--no-invoke"], { ...envKeys(), AWS_REGION: undefined, AWS_DEFAULT_REGION: "eu-west-1" });
  const region = byId(report, "region");
  assert.equal(region.status, "warn");
  assert.equal(region.details.region, "eu-west-1");
  assert.equal(region.fix, "export AWS_REGION=eu-west-1");
  assert.ok(emulator.requests.filter((q) => q.operation === "ListFoundationModels").every((q) => q.region === "eu-west-1"));
});

test("no credentials: fails with the fix, skips what can't run, exit 1", async () => {
  const r = await doctor([], {});
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✗ credentials +no AWS credentials found/);
  assert.match(r.stdout, /- identity +not checked: no usable credentials/);
  assert.match(r.stdout, /- invoke +not checked: no usable credentials/);
  assert.equal(emulator.requests.length, 0);
});

for (const [operation, action, checkId] of [
  ["ListFoundationModels", "bedrock:ListFoundationModels", "discovery"],
  ["ListInferenceProfiles", "bedrock:ListInferenceProfiles", "discovery"],
  ["ConverseStream", "bedrock:InvokeModelWithResponseStream", "invoke"],
] as const) {
  test(`denied ${action}: the ${checkId} check fails naming the IAM action`, async () => {
    emulator.fault(operation, { error: "AccessDeniedException" });
    const report = await doctorJson();
    assert.equal(report.code, 1);
    const failed = byId(report, checkId);
    assert.equal(failed.status, "fail");
    assert.match(failed.summary, new RegExp(`missing IAM permission ${action}`));
    assert.match(failed.fix, new RegExp(`allow "${action}"`));
    if (checkId === "discovery") assert.equal(failed.details.allowed[operation], false);
  });
}

test("a profile-only model by its bare id fails the model check with the profile id to use", async () => {
  const report = await doctorJson(["--model", "anthropic.claude-sonnet-4-20250514-v1:0"]);
  const model = byId(report, "model");
  assert.equal(model.status, "fail");
  assert.equal(model.details.useInstead, "us.anthropic.claude-sonnet-4-20250514-v1:0");
  assert.equal(model.fix, "re-run with the inference profile id: openclaw-bedrock bedrock doctor --model us.anthropic.claude-sonnet-4-20250514-v1:0", "from --model: re-run, not a config change");
  assert.equal(byId(report, "invoke").status, "skip");
});

test("a profile-only default model: the fix sets the default, at .primary when it is { primary, fallbacks }", async () => {
  sb.writeConfig('{ agents: { defaults: { model: "amazon-bedrock/anthropic.claude-sonnet-4-20250514-v1:0" } } }');
  assert.equal(byId(await doctorJson(["--no-invoke"]), "model").fix, "use us.anthropic.claude-sonnet-4-20250514-v1:0: openclaw-bedrock config set agents.defaults.model amazon-bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0");
  sb.writeConfig('{ agents: { defaults: { model: { primary: "amazon-bedrock/anthropic.claude-sonnet-4-20250514-v1:0", fallbacks: ["amazon-bedrock/amazon.nova-micro-v1:0"] } } } }');
  const fix = byId(await doctorJson(["--no-invoke"]), "model").fix;
  assert.equal(fix, "use us.anthropic.claude-sonnet-4-20250514-v1:0: openclaw-bedrock config set agents.defaults.model.primary amazon-bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0");
  // The fix, run as written, keeps the fallbacks.
  assert.equal((await runCli(fix.split(": ")[1]!.split(" ").slice(1), { env: sb.env() })).code, 0);
  assert.match(sb.readConfig(), /fallbacks: \["amazon-bedrock\/amazon\.nova-micro-v1:0"\]/);
});

test("the default model from the config is the one tested, string or { primary }", async () => {
  sb.writeConfig('{ agents: { defaults: { model: { primary: "amazon-bedrock/amazon.nova-micro-v1:0", fallbacks: [] } } } }');
  const report = await doctorJson();
  assert.equal(byId(report, "model").details.chosenBy, "default model");
  assert.equal(report.invoke.modelId, "amazon.nova-micro-v1:0");
});

test("a LEGACY model: the model check fails; invoked anyway (list unavailable), Bedrock's answer is explained", async () => {
  const report = await doctorJson(["--model", "anthropic.claude-3-7-sonnet-20250219-v1:0"]);
  assert.match(byId(report, "model").summary, /not invocable here \(legacy\)/);
  emulator.fault("ListFoundationModels", { error: "AccessDeniedException" });
  const invoked = await doctorJson(["--model", "anthropic.claude-3-7-sonnet-20250219-v1:0"]);
  assert.equal(byId(invoked, "model").status, "warn");
  const invoke = byId(invoked, "invoke");
  assert.equal(invoke.details.error, "model-legacy");
  assert.match(invoke.fix, /switch to a current model/);
});

test("the on-demand ValidationException at invoke time names the profile id", async () => {
  emulator.fault("ListInferenceProfiles", { error: "AccessDeniedException" });
  const report = await doctorJson(["--model", "anthropic.claude-haiku-4-5-20251001-v1:0"]);
  // the model list is known (foundation models) but profiles are not: the model check already says profile-only
  assert.equal(byId(report, "model").status, "fail");
  emulator.fault("ListFoundationModels", { error: "AccessDeniedException" });
  const invoked = await doctorJson(["--model", "anthropic.claude-haiku-4-5-20251001-v1:0"]);
  const invoke = byId(invoked, "invoke");
  assert.equal(invoke.details.error, "on-demand-unsupported");
  assert.match(invoke.fix, /us\.anthropic\.claude-haiku-4-5-20251001-v1:0/);
});

test("wrong secret and unknown key are told apart", async () => {
  const wrongSecret = await doctorJson(["--no-invoke"], { ...envKeys(), AWS_SECRET_ACCESS_KEY: "not-the-secret" });
  assert.equal(byId(wrongSecret, "identity").details.error, "invalid-signature");
  assert.match(byId(wrongSecret, "identity").fix, /re-copy AWS_SECRET_ACCESS_KEY/);
  const unknownKey = await doctorJson(["--no-invoke"], { ...envKeys(), AWS_ACCESS_KEY_ID: "AKIAUNKNOWNKEY000099" });
  assert.equal(byId(unknownKey, "identity").details.error, "unrecognized-client");
  assert.equal(byId(unknownKey, "credentials").details.accessKeyId, "AKIA…0099");
});

test("expired session credentials point at the refresh", async () => {
  const report = await doctorJson(["--no-invoke"], {
    AWS_ACCESS_KEY_ID: EXPIRED_SESSION.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EXPIRED_SESSION.secretAccessKey,
    AWS_SESSION_TOKEN: EXPIRED_SESSION.sessionToken,
  });
  assert.equal(byId(report, "identity").details.error, "expired-token");
});

for (const [name, fault, code] of [
  ["a throttled stream", { streamException: { afterChunks: 2, type: "throttlingException" } }, "throttled"],
  ["an erroring stream", { streamException: { afterChunks: 1, type: "modelStreamErrorException" } }, "model-stream-error"],
  ["a stream cut mid-way", { streamCut: { afterChunks: 3 } }, "stream-cut"],
  ["a server error before the stream", { error: "InternalServerException" }, "service-unavailable"],
] as const) {
  test(`${name}: the invoke check fails with ${code}`, async () => {
    emulator.fault("ConverseStream", fault);
    const report = await doctorJson();
    assert.equal(report.code, 1);
    const invoke = byId(report, "invoke");
    assert.equal(invoke.status, "fail");
    assert.equal(invoke.details.error, code);
    assert.ok(invoke.fix.length > 10);
  });
}

test("a slow endpoint is bounded by --timeout", async () => {
  // The timeout is 1 s, or more on a machine so busy that the unfaulted checks need it: never the 6 s answer.
  const baseline = await unfaultedMs(emulator, ["bedrock", "doctor", "--json", "--no-invoke", "--timeout", "60"], envKeys());
  const timeout = timeoutFor(baseline, 1);
  emulator.fault("ListFoundationModels", { delayMs: timeout * 1000 + 5000 });
  emulator.fault("ListInferenceProfiles", { hang: true });
  const { result: report, ms: elapsed } = await timed(() => doctorJson(["--timeout", String(timeout), "--no-invoke"]));
  // Before the slow answer: what the doctor takes without the fault, and the timeout with a margin.
  checkAgainstBaseline("doctor with a slow and a hung endpoint", elapsed, baseline, timeout * 1000 + 1500);
  const discovery = byId(report, "discovery");
  assert.equal(discovery.status, "fail");
  assert.equal(discovery.details.error, "timeout");
  assert.match(discovery.summary, new RegExp(`within ${timeout}s`));
});

test("a hung stream is bounded by --timeout too", async () => {
  const baseline = await unfaultedMs(emulator, ["bedrock", "doctor", "--json", "--timeout", "60"], envKeys());
  const timeout = timeoutFor(baseline, 1);
  emulator.fault("ConverseStream", { hang: true });
  const { result: report, ms: elapsed } = await timed(() => doctorJson(["--timeout", String(timeout)]));
  checkAgainstBaseline("doctor with a hung stream", elapsed, baseline, timeout * 1000 + 1500);
  assert.equal(byId(report, "invoke").details.error, "timeout");
});

test("ASCII marks where the terminal isn't UTF-8", async () => {
  const r = await doctor(["--no-invoke"], { ...envKeys(), LANG: "C", LC_ALL: "C" });
  assert.match(r.stdout, /^\[ok\] config/m);
  assert.doesNotMatch(r.stdout, /[✓⚠✗]/);
});

test("usage errors exit 2; --help states the exit codes", async () => {
  assert.equal((await doctor(["--timeout", "soon"])).code, 2);
  assert.equal((await doctor(["--max-tokens", "0"])).code, 2);
  const help = await doctor(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Exit codes: 0 nothing failed, 1 a check failed, 2 usage error/);
});

test("never prints a secret, a session token or a full access key id", async () => {
  const outputs = [await doctor([]), await doctor(["--json"]), await doctor([], bearer()), await doctor(["--json"], instanceRole(emulator))];
  emulator.fault("ConverseStream", { error: "AccessDeniedException" });
  outputs.push(await doctor(["--json"], { ...envKeys(), AWS_SECRET_ACCESS_KEY: "x" }));
  const haystack = outputs.map((o) => o.stdout + o.stderr).join("\n");
  for (const secret of allSecrets()) assert.ok(!haystack.includes(secret), `leaked ${secret.slice(0, 6)}…`);
});

test("warns when the provider baseUrl points at another region; both discovery locations set fails the config check", async () => {
  sb.writeConfig(`{
    models: {
      bedrockDiscovery: { region: "us-west-2", refreshInterval: 600 },
      providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.eu-west-1.amazonaws.com", api: "bedrock-converse-stream", auth: "aws-sdk" } },
    },
    plugins: { entries: { "amazon-bedrock": { config: { discovery: { refreshInterval: 60 } } } } },
  }`);
  const report = await doctorJson(["--no-invoke"]);
  const config = byId(report, "config");
  assert.equal(config.status, "fail", "no OpenClaw reads both locations: a current one refuses models.bedrockDiscovery");
  assert.match(config.notes.join(" "), /models\.bedrockDiscovery: OpenClaw of unknown version .* refuses this location/);
  const region = byId(report, "region");
  assert.equal(region.status, "warn");
  assert.match(region.notes.join(" "), /baseUrl points at eu-west-1, not us-west-2/);
  assert.equal(region.fix, "openclaw-bedrock config set models.providers.amazon-bedrock.baseUrl https://bedrock-runtime.us-west-2.amazonaws.com");
});

test("an unparsable config fails the config check with file, line and column, and the rest still runs", async () => {
  sb.writeConfig("{\n  models: {\n    bedrockDiscovery: { region: 'us-west-2' ]\n  }\n}\n");
  const report = await doctorJson(["--no-invoke"]);
  const config = byId(report, "config");
  assert.equal(config.status, "fail");
  assert.match(config.summary, /openclaw\.json:3:\d+/);
  assert.equal(byId(report, "discovery").status, "pass", "later checks still run");
});

test("--profile, --region and --max-tokens are honoured", async () => {
  writeAwsFiles(sb, { credentials: `[gateway]\naws_access_key_id = ${STATIC_USER.accessKeyId}\naws_secret_access_key = ${STATIC_USER.secretAccessKey}\n` });
  const report = await doctorJson(["--profile", "gateway", "--region", "ap-southeast-4", "--max-tokens", "2"], {});
  assert.equal(report.credentialSource, "profile");
  assert.equal(byId(report, "credentials").details.profile, "gateway");
  assert.equal(byId(report, "region").details.source, "flag");
  assert.equal(report.region, "ap-southeast-4");
  assert.ok(emulator.requests.filter((q) => q.operation === "ConverseStream").every((q) => q.region === "ap-southeast-4"));
  assert.equal(report.invoke.stopReason, "max_tokens");
  assert.ok(report.invoke.outputTokens <= 2);
});

test("a discovery block where this host's OpenClaw refuses it fails the config check, and the fix is config migrate", async () => {
  sb.writeConfig('{ meta: { lastTouchedVersion: "2026.9.6" }, models: { bedrockDiscovery: { enabled: true } } }\n');
  const config = byId(await doctorJson(["--no-invoke"]), "config");
  assert.equal(config.status, "fail");
  assert.match(config.notes.join("\n"), /refuses this location and reads plugins\.entries\.amazon-bedrock\.config\.discovery/);
  assert.equal(config.fix, "move it: openclaw-bedrock config migrate");
});

/** OpenClaw's config with memory search on Bedrock embeddings. */
const memorySearchOnBedrock = (search: Record<string, unknown>) => sb.writeConfig(JSON.stringify({ memory: { search: { provider: "bedrock", ...search } } }));

test("embeddings: memory search on Bedrock gets one tiny InvokeModel at the configured dimension", async () => {
  memorySearchOnBedrock({ model: "cohere.embed-v4:0", outputDimensionality: 512 });
  const report = await doctorJson();
  assert.equal(report.code, 0, report.stderr);
  const line = byId(report, "embeddings");
  assert.equal(line.status, "pass");
  assert.match(line.summary, /^memory search: cohere\.embed-v4:0 answered a 512-dimension embedding in \d+ ms$/);
  const calls = emulator.requests.filter((q) => q.operation === "InvokeModel");
  assert.deepEqual(calls.map((q) => [q.modelId, q.embedding!.dimensions, q.embedding!.texts.length]), [["cohere.embed-v4:0", 512, 1]]);
});

test("embeddings: a refused model fails with the IAM action to allow; a bad dimension fails before any call", async () => {
  memorySearchOnBedrock({});
  emulator.fault("InvokeModel", { error: "AccessDeniedException" });
  const denied = byId(await doctorJson(), "embeddings");
  assert.equal(denied.status, "fail");
  assert.match(denied.summary, /^memory search: .*bedrock:InvokeModel/);
  assert.match(denied.fix, /bedrock:InvokeModel/);
  emulator.clearFaults();
  emulator.requests.length = 0;
  memorySearchOnBedrock({ model: "amazon.titan-embed-text-v2:0", outputDimensionality: 768 });
  const report = await doctorJson();
  assert.equal(report.code, 1);
  const line = byId(report, "embeddings");
  assert.equal(line.summary, "memory.search.outputDimensionality 768 is not one amazon.titan-embed-text-v2:0 returns");
  assert.equal(line.fix, "openclaw config set memory.search.outputDimensionality 1024 (or unset it)");
  assert.equal(emulator.requests.filter((q) => q.operation === "InvokeModel").length, 0);
});
