// Today's Bedrock models through the real stream function and AWS SDK, against an emulator that applies the
// service's rules for late-2026 Claude: no sampling on 4.7 and later, adaptive thinking with effort, history the
// service refuses, refusals, usage, errors OpenClaw acts on, and rules learned from a refusal.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { envKeys, emulatorEnv, useEmulatorAndSandbox } from "../helpers/bedrock-env.ts";
import type { Sandbox } from "../helpers/cli.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { fixtureCatalog, withLatestModels } from "../emulator/bedrock.ts";
import { streamTurn } from "../../src/transport/stream-fn.ts";
import { learnedRulesFile, readLearnedRules } from "../../src/bedrock/learned-rules.ts";
import type { AssistantMessage, AssistantMessageEvent, Context, Model, StreamOptions } from "../../src/transport/types.ts";

let emulator: Emulator;
let sb: Sandbox;
const REPLY = "Hello from the emulator.";
useEmulatorAndSandbox(
  () => startEmulator({ catalog: withLatestModels(fixtureCatalog(), [...withLatestModelsList(), { id: "anthropic.claude-saga-6", name: "Claude Saga 6" }]), replyText: REPLY }),
  (state) => ({ emulator, sb } = state),
);

function withLatestModelsList() {
  return [{ id: "anthropic.claude-opus-4-7", name: "Claude Opus 4.7" }, { id: "anthropic.claude-sonnet-5", name: "Claude Sonnet 5" }, { id: "anthropic.claude-fable-5", name: "Claude Fable 5" }, { id: "anthropic.claude-sonnet-4-6", name: "Claude Sonnet 4.6" }];
}

const OPUS_47 = "us.anthropic.claude-opus-4-7";
const SONNET_5 = "global.anthropic.claude-sonnet-5";
const FABLE = "us.anthropic.claude-fable-5";
const SONNET_46 = "us.anthropic.claude-sonnet-4-6";
const model = (id: string, extra: Partial<Model> = {}): Model => ({ id, api: "bedrock-converse-stream", provider: "amazon-bedrock", baseUrl: "https://bedrock-runtime.us-west-2.amazonaws.com", maxTokens: 32_000, ...extra });

let events: AssistantMessageEvent[] = [];
async function turn(m: Model, context: Context, options: StreamOptions = {}): Promise<AssistantMessage> {
  process.env = emulatorEnv(sb, emulator, envKeys());
  const stream = streamTurn({}, m, context, options, process.env);
  events = [];
  for await (const event of stream) events.push(event);
  return stream.result();
}
const sent = () => emulator.requests.filter((r) => r.operation === "ConverseStream").at(-1)!.converse!;
const statuses = () => emulator.requests.filter((r) => r.operation === "ConverseStream").map((r) => r.status);
const hi: Context = { messages: [{ role: "user", content: "hi" }] };

test("Opus 4.7 with OpenClaw's temperature: no sampling parameter is sent, and the turn succeeds", async () => {
  const message = await turn(model(OPUS_47, { params: { topP: 0.9 } }), hi, { temperature: 0.7 });
  assert.equal(message.stopReason, "stop", message.errorMessage);
  assert.deepEqual(sent().inferenceConfig, { maxTokens: 32_000 });
  assert.deepEqual(statuses(), [200]);
});

test("thinking levels are efforts on adaptive models, clamped to what each takes, with the reasoning summarized", async () => {
  for (const [id, level, effort] of [
    [OPUS_47, "high", "high"],
    [OPUS_47, "xhigh", "xhigh"],
    [OPUS_47, "minimal", "low"],
    [SONNET_5, "max", "max"],
    [SONNET_46, "low", "low"],
    [SONNET_46, "high", "high"],
    [SONNET_46, "xhigh", "high"],
    [SONNET_46, "max", "max"],
  ] as const) {
    const message = await turn(model(id), hi, { reasoning: level, temperature: 0.2 });
    assert.equal(message.stopReason, "stop", `${id} ${level}: ${message.errorMessage}`);
    assert.deepEqual(sent().additionalModelRequestFields, { thinking: { type: "adaptive", display: "summarized" }, output_config: { effort } }, `${id} ${level}`);
    assert.equal(message.content[0]?.type, "thinking", "the reasoning came back");
  }
  assert.ok(statuses().every((s) => s === 200));
});

test("a model that always thinks gets an explicit effort, even for off; one that may stop thinking gets none for off", async () => {
  await turn(model(FABLE), hi);
  assert.deepEqual(sent().additionalModelRequestFields?.output_config, { effort: "high" }, "the model's default, named");
  await turn(model(FABLE), hi, { reasoning: "off" });
  assert.deepEqual(sent().additionalModelRequestFields?.output_config, { effort: "low" });
  await turn(model(OPUS_47), hi, { reasoning: "off" });
  assert.equal(sent().additionalModelRequestFields, undefined);
  assert.ok(statuses().every((s) => s === 200));
});

test("max on Opus 4.1 keeps the budget under its 32000-token output cap", async () => {
  const message = await turn(model("us.anthropic.claude-opus-4-1-20250805-v1:0", { maxTokens: 32_000 }), hi, { reasoning: "max" });
  assert.equal(message.stopReason, "stop", message.errorMessage);
  const thinking = sent().additionalModelRequestFields?.thinking as { budget_tokens: number };
  assert.ok(thinking.budget_tokens < sent().inferenceConfig!.maxTokens!, JSON.stringify(sent().inferenceConfig));
  assert.ok(sent().inferenceConfig!.maxTokens! <= 32_000);
});

const tools = [{ name: "read.file", description: "Read", parameters: { type: "object", properties: {} } }];
async function toolTurnWithout(m: Model): Promise<Context> {
  const first = await turn(m, { tools, messages: [{ role: "user", content: 'go [[emulator:tool read_file {"path":"a"}]]' }] }, { reasoning: "off" });
  assert.equal(first.stopReason, "toolUse", first.errorMessage);
  const call = first.content.find((b) => b.type === "toolCall")!;
  return { tools, messages: [{ role: "user", content: 'go [[emulator:tool read_file {"path":"a"}]]' }, first, { role: "toolResult", toolCallId: (call as { id: string }).id, toolName: "read.file", isError: false, content: [{ type: "text", text: "contents" }] }] };
}

test("thinking switched on after a tool turn made without it: that request goes without thinking, not a 400", async () => {
  const context = await toolTurnWithout(model(SONNET_46));
  const message = await turn(model(SONNET_46), context, { reasoning: "high" });
  assert.equal(message.stopReason, "stop", message.errorMessage);
  assert.equal(sent().additionalModelRequestFields, undefined);
  assert.ok(statuses().every((s) => s === 200));
});

test("on a model that always thinks, that tool round trip is retold as text and the request still thinks", async () => {
  const first = await turn(model(SONNET_46), { tools, messages: [{ role: "user", content: 'go [[emulator:tool read_file {"path":"a"}]]' }] });
  const call = first.content.find((b) => b.type === "toolCall") as { id: string };
  const message = await turn(model(FABLE), { tools, messages: [{ role: "user", content: 'go [[emulator:tool read_file {"path":"a"}]]' }, first, { role: "toolResult", toolCallId: call.id, toolName: "read.file", isError: false, content: [{ type: "text", text: "contents" }] }] });
  assert.equal(message.stopReason, "stop", message.errorMessage);
  assert.ok(sent().additionalModelRequestFields?.output_config);
  assert.match(JSON.stringify(sent().messages), /I called the tool read_file/);
  assert.ok(statuses().every((s) => s === 200));
});

test("signed Claude reasoning is not replayed to Nova, redacted reasoning not to another Claude; images to a text-only model become a note", async () => {
  const signed = await turn(model(SONNET_46), { messages: [{ role: "user", content: "think [[emulator:redacted]]" }] }, { reasoning: "high" });
  const plain = await turn(model(SONNET_46), hi, { reasoning: "high" });
  assert.ok(signed.content[0]?.type === "thinking" && plain.content[0]?.type === "thinking");
  const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex").toString("base64");
  const history: Context = { messages: [{ role: "user", content: "a" }, plain, { role: "user", content: "b" }, signed, { role: "user", content: [{ type: "text", text: "look" }, { type: "image", data: png, mimeType: "image/png" }] }] };
  for (const id of ["us.amazon.nova-pro-v1:0", "us.meta.llama3-3-70b-instruct-v1:0", OPUS_47]) {
    const message = await turn(model(id, { input: ["text", "image"] }), history);
    assert.equal(message.stopReason, "stop", `${id}: ${message.errorMessage}`);
  }
  assert.match(JSON.stringify(emulator.requests.filter((r) => r.operation === "ConverseStream").at(-2)!.converse!.messages), /reads text only/);
  assert.ok(statuses().every((s) => s === 200));
});

test("tool-call ids other providers wrote are made ones Bedrock takes", async () => {
  const other: AssistantMessage = { role: "assistant", api: "openai-responses", provider: "openai", model: "gpt-6", content: [{ type: "thinking", thinking: "hmm", thinkingSignature: "{\"id\":\"rs_1\"}" }, { type: "toolCall", id: "call_1|fc_9/x", name: "read.file", arguments: {} }], usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } }, stopReason: "toolUse", timestamp: 0 };
  const message = await turn(model(OPUS_47), { tools, messages: [{ role: "user", content: "go" }, other, { role: "toolResult", toolCallId: "call_1|fc_9/x", toolName: "read.file", isError: false, content: [{ type: "text", text: "ok" }] }] }, { reasoning: "medium" });
  assert.equal(message.stopReason, "stop", message.errorMessage);
  assert.equal(sent().messages![1]!.content![0]!.toolUse?.toolUseId, "call_1_fc_9_x");
});

test("a refusal is an error that says so, with its category, and no partial text as the answer", async () => {
  const message = await turn(model(OPUS_47), { messages: [{ role: "user", content: "x [[emulator:refuse cyber]]" }] });
  assert.deepEqual(sent().additionalModelResponseFieldPaths, ["/stop_details"]);
  assert.equal(message.stopReason, "error");
  assert.equal(message.errorCode, "refusal");
  assert.match(message.errorMessage!, /declined to answer \(stop reason refusal, category cyber/);
  assert.doesNotMatch(message.errorMessage!, /I can start on that/);
  assert.deepEqual(message.content, []);
  assert.deepEqual(events.map((e) => e.type), ["start", "error"], "the refused text was never streamed either");
  const answered = await turn(model(OPUS_47), hi, { reasoning: "low" });
  assert.equal(answered.stopReason, "stop");
  assert.deepEqual([...new Set(events.map((e) => e.type))], ["start", "thinking_start", "thinking_delta", "thinking_end", "text_start", "text_delta", "text_end", "done"], "a reply that stands is streamed whole");
});

test("a model's malformed tool JSON ends as the malformed-tool-use stop, named once", async () => {
  const message = await turn(model(SONNET_46), { tools, messages: [{ role: "user", content: 'go [[emulator:tool read_file {"path":}]]' }] });
  assert.equal(message.errorCode, "malformed_tool_use");
  assert.match(message.errorMessage!, /malformed JSON as the input of tool read\.file/);
  assert.doesNotMatch(message.errorMessage!, /nothing here knows/);
});

test("usage: totals count the cache, context usage is reported, 1-hour writes apart and priced at twice the input rate", async () => {
  const system = "You are a careful assistant. ".repeat(800);
  const cost = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
  const message = await turn(model(SONNET_46, { cost }), { systemPrompt: system, messages: [{ role: "user", content: "hi" }] }, { cacheRetention: "long" });
  const u = message.usage;
  assert.ok(u.cacheWrite > 0 && u.cacheWrite1h === u.cacheWrite, JSON.stringify(u));
  assert.ok(u.totalTokens >= u.input + u.output + u.cacheRead + u.cacheWrite);
  assert.deepEqual(u.contextUsage, { state: "available", promptTokens: u.input + u.cacheRead + u.cacheWrite, totalTokens: u.input + u.cacheRead + u.cacheWrite + u.output });
  assert.equal(u.cost.cacheWrite, (u.cacheWrite * 6) / 1e6);
});

test("OpenClaw's runtime-context message stays after the last cache point", async () => {
  const long = "Some stable history. ".repeat(400);
  await turn(model(SONNET_46), { messages: [{ role: "user", content: long }, { role: "user", content: "<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>\nnow: 12:00\n<<<END_OPENCLAW_INTERNAL_CONTEXT>>>" }] });
  const content = sent().messages!.at(-1)!.content!;
  const point = content.findIndex((b) => b.cachePoint);
  const runtime = content.findIndex((b) => b.text?.startsWith("<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>"));
  assert.ok(point !== -1 && point < runtime, JSON.stringify(content.map((b) => Object.keys(b)[0])));
});

test("context overflow mid-stream, too many concurrent requests and a model not ready are worded so OpenClaw acts", async () => {
  emulator.fault("ConverseStream", { streamException: { afterChunks: 1, type: "ModelStreamErrorException", message: "Model exceeded its context window: too many input tokens." }, times: 1 });
  assert.match((await turn(model(SONNET_46), hi)).errorMessage!, /context length exceeded/);
  emulator.fault("ConverseStream", { error: "ServiceUnavailableException", status: 503, message: "Too many concurrent requests. Please wait.", times: 1 });
  assert.match((await turn(model(SONNET_46), hi)).errorMessage!, /^429: Bedrock rate limit/);
  emulator.fault("ConverseStream", { error: "ModelNotReadyException", times: 1 });
  assert.equal((await turn(model(SONNET_46), hi)).errorCode, "ModelNotReadyException");
});

test("a brand-new model that refuses temperature works on its first turn, and the rule is kept (0600 in a 0700 directory)", async () => {
  const fresh = model("us.anthropic.claude-saga-6");
  const message = await turn(fresh, hi, { temperature: 0.4 });
  assert.equal(message.stopReason, "stop", message.errorMessage);
  assert.deepEqual(statuses(), [400, 200], "refused once, then sent without temperature");
  assert.equal(sent().inferenceConfig?.temperature, undefined);
  const env = emulatorEnv(sb, emulator, envKeys());
  const rules = readLearnedRules(env);
  assert.equal(rules["anthropic.claude-saga-6"]?.noSampling, true);
  assert.match(rules["anthropic.claude-saga-6"]!.because, /`temperature` is deprecated/);
  const file = learnedRulesFile(env);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
  await turn(fresh, hi, { temperature: 0.4 });
  assert.deepEqual(statuses(), [400, 200, 200], "the next turn is right the first time");
});
