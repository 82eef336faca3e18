// The transport's pure halves on recorded shapes: OpenClaw contexts -> Converse requests, Converse events -> OpenClaw events.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildConverseRequest, imageFormat, MAX_VIDEO_PAYLOAD_BYTES, RequestError, videoFormat } from "../../src/transport/converse-request.ts";
import { withNativeVideo } from "../../src/transport/stream-fn.ts";
import { ConverseReducer, mapStopReason, StopError, type ConverseEvent } from "../../src/transport/converse-events.ts";
import { ToolNames } from "../../src/transport/tool-names.ts";
import type { AssistantMessage, AssistantMessageEvent, Model } from "../../src/transport/types.ts";

const model: Model = { id: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", api: "bedrock-converse-stream", provider: "amazon-bedrock", maxTokens: 8192 };
const assistant = (content: AssistantMessage["content"], extra: Partial<AssistantMessage> = {}): AssistantMessage => ({
  role: "assistant",
  content,
  api: "bedrock-converse-stream",
  provider: "amazon-bedrock",
  model: model.id,
  usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } },
  stopReason: "stop",
  timestamp: 0,
  ...extra,
});

test("consecutive user-side messages merge into one turn, tool results first; blank text is dropped", () => {
  const { request } = buildConverseRequest(model, {
    systemPrompt: "  ",
    tools: [{ name: "read", description: "Read a file", parameters: { type: "object" } }],
    messages: [
      { role: "user", content: "  " },
      { role: "user", content: [{ type: "text", text: "open it" }] },
      assistant([{ type: "text", text: "\n" }, { type: "toolCall", id: "t1", name: "read", arguments: { path: "a" } }], { stopReason: "toolUse" }),
      { role: "user", content: [{ type: "text", text: "runtime context" }] },
      { role: "toolResult", toolCallId: "t1", toolName: "read", isError: false, content: [{ type: "text", text: "file body" }] },
    ],
  });
  assert.equal(request.system, undefined, "a blank system prompt is not sent");
  assert.deepEqual(request.messages, [
    { role: "user", content: [{ text: "open it" }] },
    { role: "assistant", content: [{ toolUse: { toolUseId: "t1", name: "read", input: { path: "a" } } }] },
    { role: "user", content: [{ toolResult: { toolUseId: "t1", content: [{ text: "file body" }], status: "success" } }, { text: "runtime context" }] },
  ]);
});

test("a conversation that starts with the assistant gets a user turn first; a failed empty turn is skipped", () => {
  const { request } = buildConverseRequest(model, {
    messages: [assistant([{ type: "text", text: "Hi, how can I help?" }]), { role: "user", content: "x" }, assistant([], { stopReason: "error" }), { role: "user", content: "y" }],
  });
  assert.deepEqual(request.messages.map((m) => m.role), ["user", "assistant", "user"]);
  assert.deepEqual(request.messages[2]!.content, [{ text: "x" }, { text: "y" }]);
});

test("an unanswered tool call gets an error result; a stray result becomes text; old tool blocks still get a toolConfig", () => {
  const { request } = buildConverseRequest(model, {
    messages: [
      { role: "user", content: "go" },
      assistant([{ type: "toolCall", id: "a", name: "exec", arguments: {} }]),
      { role: "toolResult", toolCallId: "zzz", toolName: "exec", isError: false, content: [{ type: "text", text: "late" }] },
    ],
  });
  const last = request.messages[2]!.content;
  assert.deepEqual(last[0], { toolResult: { toolUseId: "a", content: [{ text: "No result provided." }], status: "error" } });
  assert.deepEqual(last[1], { text: "(result of an earlier tool call zzz) late" });
  assert.deepEqual(request.toolConfig?.tools.map((t) => ("toolSpec" in t ? t.toolSpec.name : "cachePoint")), ["exec"]);
});

test("tool names Bedrock refuses are sanitized without collisions and map back", () => {
  const names = new ToolNames(["mcp.search", "mcp_search", "x".repeat(70), "ok-name"]);
  assert.equal(names.toBedrock("mcp_search"), "mcp_search", "a valid name keeps its spelling");
  assert.equal(names.toBedrock("mcp.search"), "mcp_search_2");
  assert.equal(names.toBedrock("x".repeat(70)), "x".repeat(64));
  assert.equal(names.fromBedrock("mcp_search_2"), "mcp.search");
  for (const name of ["mcp.search", "mcp_search", "x".repeat(70), "ok-name"]) assert.match(names.toBedrock(name), /^[a-zA-Z0-9_-]{1,64}$/);
});

test("reasoning goes back to Bedrock with its signature, redacted reasoning as the same bytes, another provider's not at all", () => {
  const redacted = Buffer.from([1, 2, 3, 250]).toString("base64");
  const history = [
    { role: "user" as const, content: "q" },
    assistant([
      { type: "thinking", thinking: "let me think", thinkingSignature: "sig-1" },
      { type: "thinking", thinking: "[Reasoning redacted]", thinkingSignature: redacted, redacted: true },
      { type: "text", text: "answer" },
    ]),
    { role: "user" as const, content: "more" },
  ];
  const ours = buildConverseRequest(model, { messages: history }).request.messages[1]!.content;
  assert.deepEqual(ours[0], { reasoningContent: { reasoningText: { text: "let me think", signature: "sig-1" } } });
  assert.deepEqual([...(ours[1] as { reasoningContent: { redactedContent: Uint8Array } }).reasoningContent.redactedContent], [1, 2, 3, 250]);
  const foreign = [history[0]!, { ...(history[1] as AssistantMessage), api: "anthropic-messages", provider: "anthropic" }, history[2]!];
  assert.deepEqual(buildConverseRequest(model, { messages: foreign }).request.messages[1]!.content, [{ text: "answer" }]);
});

test("image formats come from the bytes", () => {
  assert.equal(imageFormat(Buffer.from("89504e470d0a1a0a", "hex")), "png");
  assert.equal(imageFormat(Buffer.from("ffd8ffe000104a46", "hex")), "jpeg");
  assert.equal(imageFormat(Buffer.from("GIF89a")), "gif");
  assert.equal(imageFormat(Buffer.from("RIFF\0\0\0\0WEBPVP8 ")), "webp");
  assert.equal(imageFormat(Buffer.from("%PDF-1.7")), undefined);
});

const nova: Model = { id: "us.amazon.nova-lite-v1:0", api: "bedrock-converse-stream", provider: "amazon-bedrock", maxTokens: 5000 };
const video = (mimeType: string, bytes = Buffer.from("\0\0\0\x18ftypmp42")) => ({ type: "video" as const, data: bytes.toString("base64"), mimeType });

test("a video goes to a model that takes video as a video block, its format from the MIME type", () => {
  const clip = video("video/quicktime");
  const sent = buildConverseRequest(nova, { messages: [{ role: "user", content: [{ type: "text", text: "What happens?" }, clip] }] }).request.messages[0]!.content;
  assert.equal(sent[0] && "text" in sent[0] && sent[0].text, "What happens?");
  const block = sent[1] as { video: { format: string; source: { bytes: Uint8Array } } };
  assert.equal(block.video.format, "mov");
  assert.deepEqual(Buffer.from(block.video.source.bytes), Buffer.from(clip.data, "base64"));
  assert.deepEqual(
    ["video/mp4", "video/x-matroska", "video/webm", "video/x-flv", "video/mpeg", "video/x-ms-wmv", "video/3gpp", "video/MP4; codecs=avc1", "video/ogg"].map(videoFormat),
    ["mp4", "mkv", "webm", "flv", "mpeg", "wmv", "three_gp", "mp4", undefined],
  );
});

test("one video per request: the latest is sent, an earlier one becomes a note", () => {
  const messages = [
    { role: "user" as const, content: [{ type: "text" as const, text: "first" }, video("video/mp4")] },
    assistant([{ type: "text", text: "seen" }]),
    { role: "user" as const, content: [{ type: "text" as const, text: "second" }, video("video/webm")] },
  ];
  const turns = buildConverseRequest(nova, { messages }).request.messages;
  assert.deepEqual(turns[0]!.content[1], { text: "(a video was here; left out: Bedrock takes one video per request, and a later one is sent)" });
  assert.equal((turns[2]!.content[1] as { video: { format: string } }).video.format, "webm");
  assert.equal(turns.flatMap((t) => t.content).filter((b) => "video" in b).length, 1);
});

test("a model without video input gets a note instead; a video over the inline limit or of another format is refused before sending", () => {
  const sent = buildConverseRequest(model, { messages: [{ role: "user", content: [video("video/mp4")] }] }).request.messages[0]!.content;
  assert.deepEqual(sent, [{ text: `(a video was here; ${model.id} does not take video)` }]);
  const big = { type: "video" as const, data: "A".repeat(MAX_VIDEO_PAYLOAD_BYTES + 4), mimeType: "video/mp4" };
  assert.throws(() => buildConverseRequest(nova, { messages: [{ role: "user", content: [big] }] }), (e: Error) => e instanceof RequestError && /above the 25 MB Bedrock takes inline: shorten or compress it/.test(e.message));
  assert.throws(() => buildConverseRequest(nova, { messages: [{ role: "user", content: [video("video/ogg")] }] }), /video\/ogg\) is not MP4.*convert it to MP4/);
});

test("the video OpenClaw hands over only through its provider-context handoff is fetched for a model that takes video, and only then", async () => {
  const plain = { messages: [{ role: "user" as const, content: "(video omitted: provider does not support native video)" }] };
  const rich = { messages: [{ role: "user" as const, content: [video("video/mp4")] }] };
  let asked = 0;
  const options = { [Symbol("providerContextHandoff")]: async () => (asked++, rich) };
  assert.equal(await withNativeVideo(plain, options, true), rich);
  assert.equal(await withNativeVideo(plain, options, false), plain);
  assert.equal(await withNativeVideo(plain, {}, true), plain);
  assert.equal(asked, 1);
});

/** A recorded ConverseStream (Claude on Bedrock): reasoning, text, then a tool call whose input comes in pieces. */
const RECORDED: ConverseEvent[] = [
  { messageStart: { role: "assistant" } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: "The user wants " } } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: "the weather." } } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: "EqQBCkgIAR" } } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { text: "Checking" } } },
  { contentBlockDelta: { contentBlockIndex: 1, delta: { text: " now." } } },
  { contentBlockStop: { contentBlockIndex: 1 } },
  { contentBlockStart: { contentBlockIndex: 2, start: { toolUse: { toolUseId: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather" } } } },
  { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '{"ci' } } } },
  { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: 'ty": "Par' } } } },
  { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: 'is"}' } } } },
  { contentBlockStop: { contentBlockIndex: 2 } },
  { messageStop: { stopReason: "tool_use" } },
  { metadata: { usage: { inputTokens: 412, outputTokens: 61, totalTokens: 2473, cacheReadInputTokens: 2000, cacheWriteInputTokens: 0 } } },
];

test("a recorded stream becomes thinking, text and a tool call with its input parsed, and usage with cache reads", () => {
  const events: AssistantMessageEvent[] = [];
  const reducer = new ConverseReducer({ ...model, cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } }, new ToolNames(["get_weather"]), (e) => events.push(e));
  for (const event of RECORDED) reducer.apply(event);
  assert.deepEqual(reducer.finish(), { reason: "toolUse" });
  assert.deepEqual(events.map((e) => e.type), [
    "thinking_start", "thinking_delta", "thinking_delta", "thinking_end",
    "text_start", "text_delta", "text_delta", "text_end",
    "toolcall_start", "toolcall_delta", "toolcall_delta", "toolcall_delta", "toolcall_end",
  ]);
  const message = reducer.message;
  assert.deepEqual(message.content, [
    { type: "thinking", thinking: "The user wants the weather.", thinkingSignature: "EqQBCkgIAR" },
    { type: "text", text: "Checking now." },
    { type: "toolCall", id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", arguments: { city: "Paris" } },
  ]);
  assert.equal(message.usage.cacheRead, 2000);
  assert.equal(message.usage.totalTokens, 2473);
  assert.ok(Math.abs(message.usage.cost.total - (412 * 3 + 61 * 15 + 2000 * 0.3) / 1e6) < 1e-12);
});

test("redacted reasoning keeps its bytes; a stream without messageStop is a cut; malformed tool input is named", () => {
  const reducer = new ConverseReducer(model, undefined, () => {});
  reducer.apply({ contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: new Uint8Array([9, 8, 7]) } } } });
  assert.deepEqual(reducer.message.content[0], { type: "thinking", thinking: "[Reasoning redacted]", thinkingSignature: Buffer.from([9, 8, 7]).toString("base64"), redacted: true });
  assert.throws(() => reducer.finish(), /ended before Bedrock's messageStop/);
  const bad = new ConverseReducer(model, undefined, () => {});
  bad.apply({ contentBlockStart: { contentBlockIndex: 0, start: { toolUse: { toolUseId: "t", name: "exec" } } } });
  bad.apply({ contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"command": ' } } } });
  assert.throws(() => bad.apply({ contentBlockStop: { contentBlockIndex: 0 } }), (e: unknown) => e instanceof StopError && /malformed JSON as the input of tool exec/.test(e.message));
});

test("every Converse stop reason maps to OpenClaw's, and an unknown one names itself", () => {
  assert.deepEqual(mapStopReason("end_turn"), { reason: "stop" });
  assert.deepEqual(mapStopReason("stop_sequence"), { reason: "stop" });
  assert.deepEqual(mapStopReason("tool_use"), { reason: "toolUse" });
  assert.deepEqual(mapStopReason("max_tokens"), { reason: "length" });
  assert.deepEqual(mapStopReason("model_context_window_exceeded"), { reason: "length" });
  for (const reason of ["guardrail_intervened", "content_filtered", "malformed_model_output", "malformed_tool_use", "brand_new_reason"]) {
    const mapped = mapStopReason(reason);
    assert.ok("error" in mapped && mapped.error.includes(reason) && !/unknown error/i.test(mapped.error), reason);
  }
});

test("OpenClaw's cache boundary splits the system prompt: a checkpoint after the stable part, no marker reaches the model", () => {
  const stable = "You are OpenClaw. ".repeat(400);
  const prompt = `${stable}\n<!-- OPENCLAW_CACHE_BOUNDARY -->\nNow: Tue 10:00\n<!-- OPENCLAW-RELOCATABLE-BOUNDARY -->\nfacts\n<!-- /OPENCLAW-RELOCATABLE-BOUNDARY -->`;
  const { request } = buildConverseRequest(model, { systemPrompt: prompt, messages: [{ role: "user", content: "hi" }] });
  assert.deepEqual(request.system![0], { text: stable.trimEnd() });
  assert.deepEqual(request.system![1], { cachePoint: { type: "default" } });
  assert.ok(!JSON.stringify(request).includes("OPENCLAW"), "no marker is sent");
  const none = buildConverseRequest({ ...model, id: "meta.llama3-3-70b-instruct-v1:0" }, { systemPrompt: prompt, messages: [{ role: "user", content: "hi" }] }).request;
  assert.ok(!JSON.stringify(none).includes("cachePoint") && !JSON.stringify(none).includes("OPENCLAW"));
});
