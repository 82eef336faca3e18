// OpenClaw 2026.9.6's own agent turns on amazon-bedrock models, through this plugin's Converse transport, against
// the emulator: a streamed reply, a tool round trip, errors OpenClaw can read, and an aborted run.
import { after, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { envKeys } from "../helpers/bedrock-env.ts";
import { openClawWithPlugin, parseJsonOutput, type OpenClawRun } from "../helpers/openclaw.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { applicationProfile, fixtureCatalog } from "../emulator/bedrock.ts";
import { STATIC_USER } from "../emulator/identities.ts";

let oc: OpenClawRun;
let emulator: Emulator;
const REPLY = "Hello from the Bedrock emulator, through the amazon-bedrock plugin.";
const PROFILE = "us.anthropic.claude-haiku-4-5-20251001-v1:0";

before(async () => {
  const catalog = fixtureCatalog();
  catalog.inferenceProfiles.push(applicationProfile({ id: "kx7q2m9p4t1z", name: "support-bot", region: "us-west-2", account: STATIC_USER.account, baseModelId: "anthropic.claude-haiku-4-5-20251001-v1:0" }));
  emulator = await startEmulator({ catalog, replyText: REPLY });
  oc = await openClawWithPlugin();
  oc.setDiscovery(undefined);
});
after(async () => {
  await emulator?.stop();
  oc?.cleanup();
});
beforeEach(() => emulator.clearFaults());

const env = () => oc.env({ AWS_ENDPOINT_URL: emulator.url, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-east-1", ...envKeys() });
const converseCalls = () => emulator.requests.filter((r) => r.operation === "ConverseStream");

test("openclaw infer model run streams the reply from an inference profile, with the model's own output limit", async () => {
  const out = await oc.run(["infer", "model", "run", "--model", `amazon-bedrock/${PROFILE}`, "--prompt", "hi", "--json"], env());
  assert.equal(out.code, 0, out.stdout + out.stderr);
  const result = parseJsonOutput(out.stdout);
  assert.equal(result.ok, true);
  assert.equal(result.outputs[0].text, REPLY);
  const call = converseCalls().at(-1)!;
  assert.equal(call.modelId, PROFILE);
  assert.equal(call.converse!.inferenceConfig?.maxTokens, 64_000, "resolveDynamicModel gave the known limit, not the host's default");
  assert.equal(call.httpVersion, "2.0");
});

test("an application-profile ARN as the model runs with its base model's limits (from the discovery OpenClaw's catalog made)", async () => {
  const arn = `arn:aws:bedrock:us-west-2:${STATIC_USER.account}:application-inference-profile/kx7q2m9p4t1z`;
  const listed = await oc.run(["bedrock", "models", "--json", "--refresh"], env());
  assert.ok(parseJsonOutput(listed.stdout).models.some((m: { id: string }) => m.id === arn), "discovery lists the application profile by its ARN");
  const out = await oc.run(["infer", "model", "run", "--model", `amazon-bedrock/${arn}`, "--prompt", "hi", "--json"], env());
  assert.equal(out.code, 0, out.stdout + out.stderr);
  assert.equal(parseJsonOutput(out.stdout).outputs[0].text, REPLY);
  const call = converseCalls().at(-1)!;
  assert.equal(call.modelId, arn);
  assert.equal(call.converse!.inferenceConfig?.maxTokens, 64_000, "the base model's output limit, not a default");
});

test("openclaw agent exec completes a tool round trip: the emulator asks for exec, OpenClaw runs it, the reply quotes it", async () => {
  const prompt = 'Run it. [[emulator:tool exec {"command":"echo tool-round-trip-ok"}]]';
  const out = await oc.run(["agent", "exec", prompt, "--model", `amazon-bedrock/${PROFILE}`, "--json"], env(), { timeoutMs: 240_000 });
  assert.equal(out.code, 0, out.stdout + out.stderr);
  const result = parseJsonOutput(out.stdout);
  assert.equal(result.ok, true, JSON.stringify(result.error));
  assert.match(result.final, /The tool said: .*tool-round-trip-ok/);
  assert.equal(result.toolSummary?.calls, 1);
  assert.ok(result.usage.input > 0 && result.usage.output > 0, "usage reached OpenClaw");
  const [first, second] = converseCalls().slice(-2);
  assert.ok(first!.converse!.toolConfig?.tools?.some((t) => t.toolSpec?.name === "exec"), "OpenClaw's tools were offered");
  const sent = second!.converse!.messages!;
  assert.deepEqual(sent.map((m) => m.role).slice(-3), ["user", "assistant", "user"]);
  assert.ok(sent.at(-1)!.content![0]!.toolResult, "the result went back first in the user turn");
});

test("a throttled call looks like a rate limit to OpenClaw: it backs off and retries, and the retry's reply arrives", async () => {
  emulator.fault("ConverseStream", { error: "ThrottlingException", times: 1 });
  const before = converseCalls().length;
  const out = await oc.run(["agent", "exec", "hi", "--model", `amazon-bedrock/${PROFILE}`, "--json"], env(), { timeoutMs: 240_000 });
  assert.equal(out.code, 0, out.stdout + out.stderr);
  const result = parseJsonOutput(out.stdout);
  assert.equal(result.final, REPLY);
  const calls = converseCalls().slice(before);
  assert.deepEqual(calls.map((c) => c.status), [429, 200], "one throttled call, then the retry");
  assert.match(out.stderr, /rate_limit/, "OpenClaw classified it as a rate limit");
});

test("a mid-stream modelStreamErrorException reaches OpenClaw with the AWS error's name and message", async () => {
  emulator.fault("ConverseStream", { streamException: { afterChunks: 1, type: "modelStreamErrorException", message: "boom" } });
  const out = await oc.run(["infer", "model", "run", "--model", `amazon-bedrock/${PROFILE}`, "--prompt", "hi", "--json"], env());
  assert.equal(out.code, 1);
  const result = parseJsonOutput(out.stdout);
  assert.equal(result.ok, false);
  assert.match(result.error.message, /ModelStreamErrorException: boom/);
});

test("a guardrail stop reaches OpenClaw as an error that says a guardrail intervened", async () => {
  const out = await oc.run(["infer", "model", "run", "--model", `amazon-bedrock/${PROFILE}`, "--prompt", "hi [[emulator:stop guardrail_intervened]]", "--json"], env());
  assert.equal(out.code, 1);
  assert.match(parseJsonOutput(out.stdout).error.message, /a guardrail intervened/);
});

test("an aborted run closes the Bedrock stream", async () => {
  // The reply would take 10 minutes; OpenClaw's --timeout aborts the run first. On a busy machine the timeout
  // can run out before OpenClaw even reaches Bedrock: then nothing was tested, and the run is tried again with
  // twice the time, so the test asserts only about a run whose stream really started.
  const prompt = "Tell me slowly. [[emulator:slow 600000]]";
  for (let timeout = 8; ; timeout *= 2) {
    const before = converseCalls().length;
    const out = await oc.run(["agent", "exec", prompt, "--model", `amazon-bedrock/${PROFILE}`, "--json", "--timeout", String(timeout)], env(), { timeoutMs: 300_000 });
    assert.notEqual(out.code, 0, "the run timed out");
    if (converseCalls().length === before && timeout < 128) continue;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const call = converseCalls().at(-1)!;
    assert.match(call.converse!.messages![0]!.content!.map((b) => b.text).join(" "), /Tell me slowly/);
    assert.equal(call.closedEarly, true, "OpenClaw's abort closed the stream before the reply ended");
    return;
  }
});

test("openclaw agent exec --thinking low with a tool call: the signed reasoning goes back and the turn completes", async () => {
  const prompt = 'Think, then run it. [[emulator:tool exec {"command":"echo thought-and-ran"}]]';
  const out = await oc.run(["agent", "exec", prompt, "--model", `amazon-bedrock/${PROFILE}`, "--thinking", "low", "--json"], env(), { timeoutMs: 240_000 });
  assert.equal(out.code, 0, out.stdout + out.stderr);
  const result = parseJsonOutput(out.stdout);
  assert.match(result.final, /thought-and-ran/);
  const [first, second] = converseCalls().slice(-2);
  assert.deepEqual(first!.converse!.additionalModelRequestFields, { thinking: { type: "enabled", budget_tokens: 2048 } });
  const assistantTurn = second!.converse!.messages!.findLast((m) => m.role === "assistant")!;
  assert.ok(assistantTurn.content![0]!.reasoningContent?.reasoningText?.signature, "the emulator verified the signature it had sent");
});

test("the second of two identical runs reports cache reads in OpenClaw's usage", async () => {
  const run = () => oc.run(["agent", "exec", "Say hello.", "--model", "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", "--json"], env(), { timeoutMs: 240_000 });
  const first = parseJsonOutput((await run()).stdout);
  assert.equal(first.ok, true, JSON.stringify(first.error));
  assert.ok(first.usage.cacheWrite > 0, `the first run writes the cache: ${JSON.stringify(first.usage)}`);
  const second = parseJsonOutput((await run()).stdout);
  assert.ok(second.usage.cacheRead > 0, `the second run reads it: ${JSON.stringify(second.usage)}`);
});

test("an application-profile ARN discovery never listed is resolved with GetInferenceProfile, once", async () => {
  const fresh = await openClawWithPlugin();
  try {
    const arn = `arn:aws:bedrock:us-west-2:${STATIC_USER.account}:application-inference-profile/kx7q2m9p4t1z`;
    const runEnv = fresh.env({ AWS_ENDPOINT_URL: emulator.url, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-east-1", ...envKeys() });
    const before = emulator.count("GetInferenceProfile");
    const out = await fresh.run(["infer", "model", "run", "--model", `amazon-bedrock/${arn}`, "--prompt", "hi", "--json"], runEnv);
    assert.equal(out.code, 0, out.stdout + out.stderr);
    assert.equal(emulator.count("GetInferenceProfile"), before + 1);
    assert.equal(converseCalls().at(-1)!.converse!.inferenceConfig?.maxTokens, 64_000, "the base model's output limit");
    const again = await fresh.run(["infer", "model", "run", "--model", `amazon-bedrock/${arn}`, "--prompt", "hi", "--json"], runEnv);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.equal(emulator.count("GetInferenceProfile"), before + 1, "the answer was kept");
  } finally {
    fresh.cleanup();
  }
});

test("an image reaches the model as an image block, its format read from the bytes", async () => {
  // A 1x1 PNG.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  const file = path.join(oc.sb.dir, "pixel.png");
  fs.writeFileSync(file, png);
  const out = await oc.run(["infer", "model", "run", "--model", `amazon-bedrock/${PROFILE}`, "--prompt", "What is in this image?", "--file", file, "--json"], env());
  assert.equal(out.code, 0, out.stdout + out.stderr);
  const blocks = converseCalls().at(-1)!.converse!.messages![0]!.content!;
  const image = blocks.find((b) => b.image)?.image;
  assert.equal(image?.format, "png");
  assert.deepEqual(Buffer.from(image!.source!.bytes!, "base64"), png);
});

test("a turn's fix line names a command this face has (openclaw bedrock models), never the standalone CLI's", async () => {
  const out = await oc.run(["infer", "model", "run", "--model", "amazon-bedrock/eu.anthropic.claude-haiku-9-9-20990101-v1:0", "--prompt", "hi", "--json"], env());
  assert.notEqual(out.code, 0);
  const said = out.stdout + out.stderr;
  assert.match(said, /openclaw bedrock models/, said);
  assert.doesNotMatch(said, /openclaw-bedrock /);
});
