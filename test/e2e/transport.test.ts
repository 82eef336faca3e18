// The Converse transport OpenClaw's turns run through, against the emulator with the real AWS SDK: what it sends,
// the events it gives back, and how each way a turn can fail reaches OpenClaw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { envKeys, emulatorEnv, useEmulatorAndSandbox } from "../helpers/bedrock-env.ts";
import type { Sandbox } from "../helpers/cli.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { streamTurn } from "../../src/transport/stream-fn.ts";
import type { AssistantMessage, AssistantMessageEvent, Context, Model, StreamOptions } from "../../src/transport/types.ts";

let emulator: Emulator;
let sb: Sandbox;
useEmulatorAndSandbox(
  () => startEmulator({ replyText: "Hello from the emulator, streamed in many small pieces." }),
  (state) => ({ emulator, sb } = state),
);

const HAIKU = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
const model = (id = HAIKU, extra: Partial<Model> = {}): Model => ({
  id,
  api: "bedrock-converse-stream",
  provider: "amazon-bedrock",
  baseUrl: "https://bedrock-runtime.us-west-2.amazonaws.com",
  maxTokens: 64_000,
  ...extra,
});

/** The process environment of a gateway pointed at the emulator (the AWS SDK reads process.env itself). */
function gatewayEnv(): NodeJS.ProcessEnv {
  process.env = emulatorEnv(sb, emulator, envKeys());
  return process.env;
}

async function turn(context: Context, options: StreamOptions = {}, m = model()): Promise<{ events: AssistantMessageEvent[]; message: AssistantMessage }> {
  const stream = streamTurn({}, m, context, options, gatewayEnv());
  const events: AssistantMessageEvent[] = [];
  for await (const event of stream) events.push(event);
  return { events, message: await stream.result() };
}

const lastConverse = () => emulator.requests.filter((r) => r.operation === "ConverseStream").at(-1)!;

test("a text turn streams start, text deltas and done, with usage from the metadata event", async () => {
  const { events, message } = await turn({ systemPrompt: "Be brief.", messages: [{ role: "user", content: "hi" }] });
  const types = events.map((e) => e.type);
  assert.equal(types[0], "start");
  assert.equal(types[1], "text_start");
  assert.ok(types.filter((t) => t === "text_delta").length > 3, "the reply arrives in pieces");
  assert.deepEqual(types.slice(-2), ["text_end", "done"]);
  assert.equal(message.stopReason, "stop");
  assert.equal(message.content[0]?.type === "text" && message.content[0].text, "Hello from the emulator, streamed in many small pieces.");
  assert.ok(message.usage.input > 0 && message.usage.output > 0);
  assert.equal(message.usage.totalTokens, message.usage.input + message.usage.output);
  const sent = lastConverse().converse!;
  assert.deepEqual(sent.system, [{ text: "Be brief." }]);
  assert.equal(sent.inferenceConfig?.maxTokens, 64_000);
});

test("maxTokens never goes above the model's known output limit", async () => {
  await turn({ messages: [{ role: "user", content: "hi" }] }, { maxTokens: 500_000 });
  assert.equal(lastConverse().converse!.inferenceConfig?.maxTokens, 64_000);
});

test("a tool round trip: the call's input is gathered from fragments, its name mapped back, the result goes back", async () => {
  const tools = [{ name: "run.shell", description: "Run a command", parameters: { type: "object", properties: { command: { type: "string" } } } }];
  const prompt = 'List files [[emulator:tool run_shell {"command":"ls -la /tmp","cwd":"/"}]]';
  const first = await turn({ messages: [{ role: "user", content: prompt }], tools });
  assert.equal(first.message.stopReason, "toolUse");
  const call = first.message.content.find((b) => b.type === "toolCall");
  assert.ok(call && call.type === "toolCall");
  assert.equal(call.name, "run.shell", "the sanitized name maps back to OpenClaw's");
  assert.deepEqual(call.arguments, { command: "ls -la /tmp", cwd: "/" });
  assert.ok(first.events.filter((e) => e.type === "toolcall_delta").length >= 3, "input arrived in fragments");
  assert.deepEqual(lastConverse().converse!.toolConfig?.tools?.map((t) => t.toolSpec?.name), ["run_shell"]);

  // OpenClaw's history after the tool ran: the result, then its runtime-context user message.
  const second = await turn({
    tools,
    messages: [
      { role: "user", content: prompt },
      first.message,
      { role: "toolResult", toolCallId: call.id, toolName: "run.shell", isError: false, content: [{ type: "text", text: "README.md  notes.txt" }] },
      { role: "user", content: [{ type: "text", text: "<<<runtime context>>>" }] },
    ],
  });
  assert.equal(second.message.stopReason, "stop");
  assert.match((second.message.content[0] as { text: string }).text, /README\.md {2}notes\.txt/);
  const sent = lastConverse().converse!.messages!;
  assert.deepEqual(sent.map((m) => m.role), ["user", "assistant", "user"]);
  assert.ok(sent[2]!.content![0]!.toolResult, "the tool result comes first in the merged user turn");
  assert.equal(sent[2]!.content![1]!.text, "<<<runtime context>>>");
});

test("a failed tool goes back with status error, and a tool taking no input gets {}", async () => {
  const tools = [{ name: "now", description: "The time", parameters: { type: "object", properties: {} } }];
  const call = { type: "toolCall" as const, id: "tooluse_1", name: "now", arguments: undefined as unknown as Record<string, unknown> };
  const assistant: AssistantMessage = { ...(await turn({ messages: [{ role: "user", content: "hi" }] })).message, content: [call], stopReason: "toolUse" };
  await turn({ tools, messages: [{ role: "user", content: "time?" }, assistant, { role: "toolResult", toolCallId: "tooluse_1", toolName: "now", isError: true, content: [] }] });
  const sent = lastConverse().converse!.messages!;
  assert.deepEqual(sent[1]!.content![0]!.toolUse?.input, {});
  assert.equal(sent[2]!.content![0]!.toolResult?.status, "error");
});

for (const [stop, expected] of [
  ["guardrail_intervened", /guardrail intervened/],
  ["content_filtered", /content filter/],
  ["malformed_model_output", /malformed output \(stop reason malformed_model_output\)/],
  ["malformed_tool_use", /malformed tool call/],
  ["something_new", /stop reason this plugin does not know: something_new/],
] as const) {
  test(`stop reason ${stop} ends the turn as an error that names it`, async () => {
    const { message, events } = await turn({ messages: [{ role: "user", content: `hi [[emulator:stop ${stop}]]` }] });
    assert.equal(events.at(-1)!.type, "error");
    assert.equal(message.stopReason, "error");
    assert.match(message.errorMessage!, expected);
  });
}

test("max_tokens ends the turn with reason length", async () => {
  const { events } = await turn({ messages: [{ role: "user", content: "hi" }] }, { maxTokens: 2 });
  const done = events.at(-1)!;
  assert.equal(done.type === "done" && done.reason, "length");
});

test("a mid-stream modelStreamErrorException names the AWS error, its message and the fix", async () => {
  emulator.fault("ConverseStream", { streamException: { afterChunks: 2, type: "modelStreamErrorException", message: "boom" } });
  const { message } = await turn({ messages: [{ role: "user", content: "hi" }] });
  assert.equal(message.stopReason, "error");
  assert.equal(message.errorCode, "ModelStreamErrorException");
  assert.match(message.errorMessage!, /^ModelStreamErrorException: boom \(.*mid-stream; fix: retry/);
  assert.deepEqual(message.content, [], "a cut reply is not passed off as the answer");
  assert.match(message.errorMessage!, /\[the reply so far: "Hello from t/);
});

test("server errors before and during the stream, and a cut connection, name what happened", async () => {
  emulator.fault("ConverseStream", { error: "ServiceUnavailableException", times: 1 });
  assert.match((await turn({ messages: [{ role: "user", content: "hi" }] })).message.errorMessage!, /^503: ServiceUnavailableException: Bedrock is unable to process your request\. \(Bedrock in us-west-2 answered with a server error; fix: retry/);
  emulator.fault("ConverseStream", { streamException: { afterChunks: 1, type: "internalServerException", message: "internal failure" } });
  const internal = (await turn({ messages: [{ role: "user", content: "hi" }] })).message;
  assert.equal(internal.errorCode, "InternalServerException");
  assert.match(internal.errorMessage!, /InternalServerException: internal failure \(.*mid-stream/);
  emulator.fault("ConverseStream", { streamException: { afterChunks: 1, type: "throttlingException", message: "Too many tokens, please wait before trying again." } });
  assert.match((await turn({ messages: [{ role: "user", content: "hi" }] })).message.errorMessage!, /^429: Bedrock rate limit \(ThrottlingException\): Too many tokens, please wait/);
  emulator.fault("ConverseStream", { streamCut: { afterChunks: 2 } });
  const cut = (await turn({ messages: [{ role: "user", content: "hi" }] })).message;
  assert.equal(cut.stopReason, "error");
  assert.match(cut.errorMessage!, /the reply stream was cut before it finished/);
});

test("throttling reads as a rate limit with status 429; a daily token quota says so", async () => {
  emulator.fault("ConverseStream", { error: "ThrottlingException", times: 1 });
  const throttled = (await turn({ messages: [{ role: "user", content: "hi" }] })).message;
  assert.match(throttled.errorMessage!, /^429: Bedrock rate limit \(ThrottlingException\): Too many requests/);
  emulator.fault("ConverseStream", { error: "ThrottlingException", message: "Too many tokens per day, please wait before trying again.", times: 1 });
  const daily = (await turn({ messages: [{ role: "user", content: "hi" }] })).message;
  assert.match(daily.errorMessage!, /^429: Bedrock rate limit \(ThrottlingException\): Too many tokens per day/);
});

test("a ValidationException before the stream names the service's words; a context overflow is worded so OpenClaw compacts", async () => {
  await assert.doesNotReject(turn({ messages: [{ role: "user", content: "hi" }] }, { temperature: 0.2 }));
  const m = model(HAIKU, { params: { topP: 0.9 } });
  const { message } = await turn({ messages: [{ role: "user", content: "hi" }] }, { temperature: 0.2 }, m);
  assert.equal(message.stopReason, "stop", message.errorMessage);
  assert.equal(lastConverse().converse!.inferenceConfig?.topP, undefined, "top_p is dropped beside temperature on Claude 4.5");
  emulator.fault("ConverseStream", { error: "ValidationException", message: "Input is too long for requested model.", times: 1 });
  const tooLong = (await turn({ messages: [{ role: "user", content: "hi" }] })).message;
  assert.match(tooLong.errorMessage!, /context length exceeded.*\(ValidationException: Input is too long for requested model\.\)/);
  assert.equal(tooLong.errorCode, "ValidationException");
});

test("a Nova turn with the video OpenClaw hands over through its provider-context handoff: one video block arrives, and the reply", async () => {
  const clip = Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex");
  const plain: Context = { messages: [{ role: "user", content: [{ type: "text", text: "What happens?" }, { type: "text", text: "(video omitted: provider does not support native video)" }] }] };
  const withVideo: Context = { messages: [{ role: "user", content: [{ type: "text", text: "What happens?" }, { type: "video", data: clip.toString("base64"), mimeType: "video/mp4" }] }] };
  const options = { [Symbol("providerContextHandoff")]: async () => withVideo } as StreamOptions;
  const { message } = await turn(plain, options, model("us.amazon.nova-lite-v1:0", { maxTokens: 5000 }));
  assert.equal(message.stopReason, "stop", message.errorMessage);
  const sent = lastConverse().converse!.messages![0]!.content!;
  assert.equal(sent[1]!.video?.format, "mp4");
  assert.deepEqual(Buffer.from(sent[1]!.video!.source!.bytes!, "base64"), clip);
});

test("an image above Bedrock's size limit is refused before sending, with what to do", async () => {
  const before = emulator.count("ConverseStream");
  const huge = Buffer.alloc(4_000_000);
  huge.set([0x89, 0x50, 0x4e, 0x47]);
  const { message } = await turn({ messages: [{ role: "user", content: [{ type: "text", text: "look" }, { type: "image", data: huge.toString("base64"), mimeType: "image/png" }] }] });
  assert.match(message.errorMessage!, /image is 4\.0 MB, above the 3\.75 MB Bedrock takes per image: resize or compress it/);
  assert.equal(emulator.count("ConverseStream"), before);
  const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
  const ok = await turn({ messages: [{ role: "user", content: [{ type: "text", text: "look" }, { type: "image", data: png.toString("base64"), mimeType: "image/jpeg" }] }] });
  assert.equal(ok.message.stopReason, "stop", ok.message.errorMessage);
  assert.equal(lastConverse().converse!.messages![0]!.content![1]!.image?.format, "png", "the format comes from the bytes");
});

test("aborting a turn closes the HTTP/2 stream at once and ends the turn as aborted", async () => {
  const controller = new AbortController();
  const stream = streamTurn({}, model(), { messages: [{ role: "user", content: "hi [[emulator:slow 200]]" }] }, { signal: controller.signal }, gatewayEnv());
  const events: string[] = [];
  for await (const event of stream) {
    events.push(event.type);
    if (event.type === "text_delta") controller.abort();
  }
  const message = await stream.result();
  assert.equal(message.stopReason, "aborted");
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(lastConverse().closedEarly, true, "the emulator saw the stream closed before the reply ended");
  assert.equal(lastConverse().httpVersion, "2.0");
});

test("thinking: a budget for Claude 4.5, reasoning streamed as thinking events, and the signed block goes back with a tool round trip", async () => {
  const tools = [{ name: "exec", description: "Run", parameters: { type: "object", properties: { command: { type: "string" } } } }];
  const prompt = 'Run it [[emulator:tool exec {"command":"date"}]]';
  const first = await turn({ messages: [{ role: "user", content: prompt }], tools }, { reasoning: "low", temperature: 0.3 });
  assert.equal(first.message.stopReason, "toolUse", first.message.errorMessage);
  const sent = lastConverse().converse!;
  assert.deepEqual(sent.additionalModelRequestFields, { thinking: { type: "enabled", budget_tokens: 2048 } });
  assert.equal(sent.inferenceConfig?.temperature, 1, "Claude thinks at temperature 1, whatever the call asked");
  assert.ok(first.events.some((e) => e.type === "thinking_delta"));
  const thinking = first.message.content[0];
  assert.ok(thinking?.type === "thinking" && thinking.thinkingSignature, "the reasoning block carries its signature");
  const call = first.message.content.find((b) => b.type === "toolCall")!;
  const second = await turn(
    { tools, messages: [{ role: "user", content: prompt }, first.message, { role: "toolResult", toolCallId: (call as { id: string }).id, toolName: "exec", isError: false, content: [{ type: "text", text: "Tue Dec 1" }] }] },
    { reasoning: "low" },
  );
  assert.equal(second.message.stopReason, "stop", second.message.errorMessage);
  assert.ok(lastConverse().converse!.messages![1]!.content![0]!.reasoningContent?.reasoningText?.signature, "the signed reasoning went back first");
  // An altered signature is the service's 400.
  const altered = structuredClone(first.message);
  (altered.content[0] as { thinkingSignature: string }).thinkingSignature = "forged";
  const refused = await turn({ tools, messages: [{ role: "user", content: prompt }, altered, { role: "toolResult", toolCallId: (call as { id: string }).id, toolName: "exec", isError: false, content: [{ type: "text", text: "x" }] }] }, { reasoning: "low" });
  assert.match(refused.message.errorMessage!, /Invalid `signature` in `thinking` block/);
});

test("thinking: redacted reasoning goes back as the same bytes; models without reasoning get no thinking fields", async () => {
  const first = await turn({ messages: [{ role: "user", content: "hi [[emulator:redacted]]" }] }, { reasoning: "medium" });
  const block = first.message.content[0];
  assert.ok(block?.type === "thinking" && block.redacted, "redacted reasoning arrived");
  const second = await turn({ messages: [{ role: "user", content: "hi [[emulator:redacted]]" }, first.message, { role: "user", content: "and?" }] }, { reasoning: "medium" });
  assert.equal(second.message.stopReason, "stop", second.message.errorMessage);
  const nova = await turn({ messages: [{ role: "user", content: "hi" }] }, { reasoning: "high" }, model("us.amazon.nova-micro-v1:0", { maxTokens: 10_000 }));
  assert.equal(nova.message.stopReason, "stop", nova.message.errorMessage);
  assert.equal(lastConverse().converse!.additionalModelRequestFields, undefined);
});

test("prompt caching: checkpoints where the prefix is long enough; the second identical call reads what the first wrote", async () => {
  const m = model("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
  const context = { systemPrompt: "You are a careful assistant. ".repeat(300), messages: [{ role: "user" as const, content: "hi" }] };
  const first = await turn(context, {}, m);
  const sent = lastConverse().converse!;
  assert.ok(sent.system!.at(-1)!.cachePoint, "a checkpoint after the long system prompt");
  assert.ok(sent.messages!.at(-1)!.content!.at(-1)!.cachePoint, "and on the latest user turn");
  assert.ok(first.message.usage.cacheWrite > 0 && first.message.usage.cacheRead === 0);
  const second = await turn(context, {}, m);
  assert.ok(second.message.usage.cacheRead > 0, "the second call reads the cache");
  await turn({ systemPrompt: "Short.", messages: [{ role: "user", content: "hi" }] }, {}, m);
  assert.equal(JSON.stringify(lastConverse().converse).includes("cachePoint"), false, "no checkpoint under the model's minimum");
  await turn(context, { cacheRetention: "none" }, m);
  assert.equal(JSON.stringify(lastConverse().converse).includes("cachePoint"), false, "cacheRetention none sends none");
  await turn(context, { cacheRetention: "long" }, m);
  assert.deepEqual(lastConverse().converse!.system!.at(-1), { cachePoint: { type: "default", ttl: "1h" } });
  const llama = await turn(context, {}, model("us.meta.llama3-3-70b-instruct-v1:0", { maxTokens: 4096 }));
  assert.equal(llama.message.stopReason, "stop", llama.message.errorMessage);
  assert.equal(JSON.stringify(lastConverse().converse).includes("cachePoint"), false, "nothing sent to a model that would refuse it");
});

test("a turn waits OPENCLAW_BEDROCK_TURN_TIMEOUT for the next byte (not the control plane's OPENCLAW_BEDROCK_TIMEOUT), and the error names it", async () => {
  emulator.fault("ConverseStream", { hang: true, times: 1 });
  const env = gatewayEnv();
  env.OPENCLAW_BEDROCK_TIMEOUT = "600";
  env.OPENCLAW_BEDROCK_TURN_TIMEOUT = "1";
  const stream = streamTurn({}, model(), { messages: [{ role: "user", content: "hi" }] }, {}, env);
  for await (const _event of stream) void _event;
  const message = await stream.result();
  assert.equal(message.stopReason, "error");
  assert.match(message.errorMessage!, /within 1s/);
  assert.match(message.errorMessage!, /export OPENCLAW_BEDROCK_TURN_TIMEOUT=<seconds> \(now 1\)/);
});
