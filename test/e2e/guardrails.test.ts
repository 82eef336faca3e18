// Guardrails, service tiers and latency on OpenClaw's turns, through the transport against the emulator with the
// real AWS SDK: what each setting puts on the wire, and how an intervention or a refusal reaches OpenClaw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { envKeys, emulatorEnv, useEmulatorAndSandbox } from "../helpers/bedrock-env.ts";
import { runCli, type Sandbox } from "../helpers/cli.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { EMULATOR_GUARDRAIL } from "../emulator/guardrails.ts";
import { STATIC_USER } from "../emulator/identities.ts";
import { streamTurn } from "../../src/transport/stream-fn.ts";
import type { AssistantMessage, AssistantMessageEvent, Context, Model, StreamOptions } from "../../src/transport/types.ts";

let emulator: Emulator;
let sb: Sandbox;
useEmulatorAndSandbox(
  () => startEmulator({ replyText: "Hello from the emulator, streamed in many small pieces.", reservations: ["amazon.nova-lite-v1:0"] }),
  (state) => ({ emulator, sb } = state),
);

const HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
const NOVA_LITE = "us.amazon.nova-lite-v1:0";
const model = (id = HAIKU, extra: Partial<Model> = {}): Model => ({ id, api: "bedrock-converse-stream", provider: "amazon-bedrock", baseUrl: "https://bedrock-runtime.us-west-2.amazonaws.com", maxTokens: 4096, ...extra });
const pluginConfig = (config: Record<string, unknown>) => ({ plugins: { entries: { "amazon-bedrock": { config } } } });
const GUARDRAIL = { guardrailIdentifier: EMULATOR_GUARDRAIL.id, guardrailVersion: "1" };

async function turn(config: unknown, context: Context | string, options: StreamOptions = {}, m = model()): Promise<{ events: AssistantMessageEvent[]; message: AssistantMessage }> {
  process.env = emulatorEnv(sb, emulator, envKeys());
  const ctx = typeof context === "string" ? { messages: [{ role: "user" as const, content: context }] } : context;
  const stream = streamTurn(config, m, ctx, options, process.env);
  const events: AssistantMessageEvent[] = [];
  for await (const event of stream) events.push(event);
  return { events, message: await stream.result() };
}

const lastConverse = () => emulator.requests.filter((r) => r.operation === "ConverseStream").at(-1)! as { converse: Record<string, any> };
const errorOf = (events: AssistantMessageEvent[]) => {
  const last = events.at(-1)!;
  assert.equal(last.type, "error");
  return (last as { error: AssistantMessage }).error;
};

test("the configured guardrail goes with every turn as guardrailConfig, and a reply it lets through arrives whole", async () => {
  const { message } = await turn(pluginConfig({ guardrail: { ...GUARDRAIL, streamProcessingMode: "sync", trace: "enabled" } }), "hi");
  assert.equal(message.stopReason, "stop");
  assert.equal(message.content[0]?.type === "text" && message.content[0].text, "Hello from the emulator, streamed in many small pieces.");
  assert.deepEqual(lastConverse().converse.guardrailConfig, { guardrailIdentifier: EMULATOR_GUARDRAIL.id, guardrailVersion: "1", streamProcessingMode: "sync", trace: "enabled" });
});

test("an intervention on the prompt ends the turn as an error naming the guardrail and, with its trace on, the policy; the blocked message is not the answer", async () => {
  const { events } = await turn(pluginConfig({ guardrail: { ...GUARDRAIL, trace: "enabled" } }), "Tell me about swordfish.");
  const error = errorOf(events);
  assert.equal(error.stopReason, "error");
  assert.equal(error.errorCode, "guardrail_intervened");
  assert.match(error.errorMessage!, /guardrail gr1emulator01 \(version 1\) intervened/);
  assert.match(error.errorMessage!, /on the prompt: denied topic "Project Swordfish"/);
  assert.deepEqual(error.content, [], "nothing of the reply is kept");
  assert.ok(!events.some((e) => e.type === "text_delta"), "the guardrail's text never reached OpenClaw");
  assert.doesNotMatch(error.errorMessage!, /Sorry, the model cannot answer/);
});

test("without the trace the error still names the guardrail, and says how to see which policy matched", async () => {
  const { events } = await turn(pluginConfig({ guardrail: GUARDRAIL }), "swordfish?");
  const error = errorOf(events);
  assert.match(error.errorMessage!, /guardrail gr1emulator01 \(version 1\) intervened/);
  assert.match(error.errorMessage!, /turn on its trace \(plugins\.entries\.amazon-bedrock\.config\.guardrail\.trace enabled\)/);
  assert.equal(lastConverse().converse.guardrailConfig.trace, undefined);
});

test("async mode: a reply blocked after it was streamed never reaches OpenClaw, not even in pieces", async () => {
  // The reply quotes the tool's result, which holds the trigger word: the guardrail blocks the reply, not the prompt.
  const context: Context = {
    tools: [{ name: "exec", description: "Run", parameters: { type: "object", properties: {} } }],
    messages: [
      { role: "user", content: "Run it." },
      { role: "assistant", content: [{ type: "toolCall", id: "tooluse_1", name: "exec", arguments: {} }], api: "bedrock-converse-stream", provider: "amazon-bedrock", model: HAIKU, usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } }, stopReason: "toolUse", timestamp: 0 },
      { role: "toolResult", toolCallId: "tooluse_1", toolName: "exec", content: [{ type: "text", text: "the password is swordfish" }], isError: false },
    ],
  };
  const { events } = await turn(pluginConfig({ guardrail: { ...GUARDRAIL, streamProcessingMode: "async", trace: "enabled" } }), context);
  const reply = emulator.requests.at(-1) as { reply?: { blocks: { kind: string; text?: string }[] } };
  assert.match(reply.reply!.blocks[0]!.text!, /swordfish/, "the emulator did stream the blocked reply");
  const error = errorOf(events);
  assert.match(error.errorMessage!, /on the reply: denied topic "Project Swordfish"/);
  assert.ok(!events.some((e) => e.type === "text_delta" || e.type === "text_start"), "no piece of it reached OpenClaw");
  assert.doesNotMatch(error.errorMessage!, /password|the tool said/i, "not even quoted in the error");
});

test("a guarded reply cut before the guardrail's verdict is not quoted in the error", async () => {
  emulator.fault("ConverseStream", { streamCut: { afterChunks: 2 } });
  const { events } = await turn(pluginConfig({ guardrail: { ...GUARDRAIL, streamProcessingMode: "async" } }), "hi");
  const error = errorOf(events);
  assert.match(error.errorMessage!, /cut before it finished/);
  assert.doesNotMatch(error.errorMessage!, /the reply so far|Hello from the emulator/);
});

test("an unknown guardrail or version is a clear error naming the config key to fix", async () => {
  for (const guardrail of [{ ...GUARDRAIL, guardrailVersion: "7" }, { ...GUARDRAIL, guardrailIdentifier: "nosuchguardrail" }]) {
    const { events } = await turn(pluginConfig({ guardrail }), "hi");
    const error = errorOf(events);
    assert.match(error.errorMessage!, /^ValidationException: The guardrail identifier or version provided in the request does not exist\./);
    assert.match(error.errorMessage!, /fix: check guardrailIdentifier and guardrailVersion in plugins\.entries\.amazon-bedrock\.config\.guardrail against aws bedrock list-guardrails --region us-west-2/);
  }
});

test("a guardrail change takes effect on the next turn of the same process", async () => {
  await turn(pluginConfig({ guardrail: GUARDRAIL }), "hi");
  assert.equal(lastConverse().converse.guardrailConfig.guardrailVersion, "1");
  await turn(pluginConfig({ guardrail: { ...GUARDRAIL, guardrailVersion: "DRAFT" } }), "hi");
  assert.equal(lastConverse().converse.guardrailConfig.guardrailVersion, "DRAFT");
  await turn(pluginConfig({}), "hi");
  assert.equal(lastConverse().converse.guardrailConfig, undefined, "removed: no guardrail");
});

test("the service tier and latency: the model's params win over the plugin config", async () => {
  const config = pluginConfig({ serviceTier: "priority", performanceConfig: { latency: "standard" } });
  await turn(config, "hi", {}, model(NOVA_LITE));
  assert.deepEqual(lastConverse().converse.serviceTier, { type: "priority" });
  assert.deepEqual(lastConverse().converse.performanceConfig, { latency: "standard" });
  await turn(config, "hi", {}, model(NOVA_LITE, { params: { serviceTier: "flex" } }));
  assert.deepEqual(lastConverse().converse.serviceTier, { type: "flex" });
  await turn({}, "hi", {}, model(NOVA_LITE));
  assert.equal(lastConverse().converse.serviceTier, undefined, "nothing configured: nothing sent, the service's default");
});

test("a tier the model is not offered in, and reserved without a reservation, read as clear errors with the fix", async () => {
  let error = errorOf((await turn(pluginConfig({ serviceTier: "flex" }), "hi")).events);
  assert.match(error.errorMessage!, /^ValidationException: The service tier provided is invalid\. \(us\.anthropic\.claude-haiku-4-5-20251001-v1:0 in us-west-2 is not offered in the service tier the request asked for; fix: set serviceTier to a tier the model offers/);
  error = errorOf((await turn(pluginConfig({ serviceTier: "reserved" }), "hi", {}, model("us.amazon.nova-micro-v1:0"))).events);
  assert.match(error.errorMessage!, /^ValidationException: Reservation not found\. \(the reserved tier needs a reservation for us\.amazon\.nova-micro-v1:0 in us-west-2/);
  const reserved = await turn(pluginConfig({ serviceTier: "reserved" }), "hi", {}, model(NOVA_LITE));
  assert.equal(reserved.message.stopReason, "stop", "with a reservation it is served");
});

test("latency optimized reaches a model that has the optimized version; elsewhere it is a clear error", async () => {
  const ok = await turn(pluginConfig({ performanceConfig: { latency: "optimized" } }), "hi", {}, model("us.amazon.nova-pro-v1:0"));
  assert.equal(ok.message.stopReason, "stop");
  assert.deepEqual(lastConverse().converse.performanceConfig, { latency: "optimized" });
  const error = errorOf((await turn(pluginConfig({ performanceConfig: { latency: "optimized" } }), "hi")).events);
  assert.match(error.errorMessage!, /has no latency-optimized version; fix: remove performanceConfig\.latency "optimized" for this model/);
});

test("a per-model value Bedrock would refuse is refused before sending, naming where it came from", async () => {
  const before = emulator.count("ConverseStream");
  const error = errorOf((await turn({}, "hi", {}, model(HAIKU, { params: { serviceTier: "auto" } }))).events);
  assert.equal(error.errorMessage, `Bedrock request not sent: serviceTier "auto" in the params of amazon-bedrock/${HAIKU} is not what Bedrock takes: expected one of priority, default, flex, reserved`);
  assert.equal(emulator.count("ConverseStream"), before, "nothing was sent");
});

test("a guardrail by ARN works like its id", async () => {
  const arn = `arn:aws:bedrock:us-west-2:${STATIC_USER.account}:guardrail/${EMULATOR_GUARDRAIL.id}`;
  const { message } = await turn(pluginConfig({ guardrail: { guardrailIdentifier: arn, guardrailVersion: "DRAFT" } }), "hi");
  assert.equal(message.stopReason, "stop");
});

// The doctor: what every turn sends besides the conversation, the guardrail looked up, and the test call sent with them.
const doctorJson = async (config: Record<string, unknown>, args: string[] = [], extra: Record<string, unknown> = {}) => {
  sb.writeConfig(JSON.stringify({ ...pluginConfig(config), ...extra }));
  const r = await runCli(["bedrock", "doctor", "--json", ...args], { env: emulatorEnv(sb, emulator, envKeys()) });
  return { ...JSON.parse(r.stdout), code: r.code };
};
const checkOf = (report: { checks: { id: string }[] }, id: string) => report.checks.find((c) => c.id === id) as { status: string; summary: string; notes: string[]; fix?: string } | undefined;

test("the doctor shows the guardrail (looked up), the tier and the latency, and its test call carries them", async () => {
  const perModel = { agents: { defaults: { models: { "amazon-bedrock/us.amazon.nova-pro-v1:0": { params: { serviceTier: "flex" } } } } } };
  const report = await doctorJson({ guardrail: { ...GUARDRAIL, trace: "enabled" }, serviceTier: "priority", performanceConfig: { latency: "optimized" } }, ["--model", "us.amazon.nova-pro-v1:0"], perModel);
  assert.equal(report.code, 0, JSON.stringify(report.checks));
  const ids = report.checks.map((c: { id: string }) => c.id);
  assert.equal(ids[ids.indexOf("request") + 1], "invoke", "the request check comes just before the call it describes");
  const request = checkOf(report, "request")!;
  assert.equal(request.status, "pass");
  assert.equal(request.summary, `guardrail gr1emulator01 version 1: "emulator-guardrail", READY (sync, trace enabled); service tier flex; latency optimized`);
  assert.equal(emulator.count("GetGuardrail"), 1);
  const sent = lastConverse().converse;
  assert.deepEqual([sent.guardrailConfig?.guardrailIdentifier, sent.serviceTier, sent.performanceConfig], [EMULATOR_GUARDRAIL.id, { type: "flex" }, { latency: "optimized" }]);
});

test("the doctor: nothing set, no request check; a guardrail that does not exist fails with the fix", async () => {
  const plain = await doctorJson({});
  assert.equal(checkOf(plain, "request"), undefined);
  assert.equal(emulator.count("GetGuardrail"), 0);
  const report = await doctorJson({ guardrail: { ...GUARDRAIL, guardrailVersion: "9" } });
  assert.equal(report.code, 1);
  const request = checkOf(report, "request")!;
  assert.equal(request.status, "fail");
  assert.match(request.summary, /^guardrail gr1emulator01 version 9: not found/);
  assert.match(request.fix!, /check guardrailIdentifier and guardrailVersion in plugins\.entries\.amazon-bedrock\.config\.guardrail/);
  assert.match(checkOf(report, "invoke")!.summary, /no guardrail with this identifier and version/);
});

test("the doctor: no bedrock:GetGuardrail permission is said, not a failure", async () => {
  emulator.fault("GetGuardrail", { error: "AccessDeniedException" });
  const report = await doctorJson({ guardrail: GUARDRAIL });
  assert.equal(report.code, 0);
  const request = checkOf(report, "request")!;
  assert.equal(request.status, "pass");
  assert.deepEqual(request.notes, ["not looked up: these credentials may not call bedrock:GetGuardrail (turns do not need it; they need bedrock:ApplyGuardrail)"]);
});
