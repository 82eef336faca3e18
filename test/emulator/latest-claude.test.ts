// The emulator applies the service's rules for the Claude generations of late 2026, proven with the plain AWS SDK:
// what each refuses, with the service's words, and refusals with their stop details.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BedrockRuntimeClient, ConverseStreamCommand, type ConverseStreamCommandInput } from "@aws-sdk/client-bedrock-runtime";
import { startEmulator, type Emulator } from "./server.ts";
import { STATIC_USER } from "./identities.ts";
import { fixtureCatalog, LATEST_CLAUDE, withLatestModels } from "./bedrock.ts";
import { signReasoning } from "./converse.ts";

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ catalog: withLatestModels(fixtureCatalog()) });
});
after(() => emulator.stop());

const runtime = () => new BedrockRuntimeClient({ region: "us-west-2", endpoint: emulator.url, credentials: { accessKeyId: STATIC_USER.accessKeyId, secretAccessKey: STATIC_USER.secretAccessKey }, maxAttempts: 1 });
const hi = [{ role: "user" as const, content: [{ text: "hi" }] }];

async function converse(input: Partial<ConverseStreamCommandInput> & { modelId: string }) {
  const response = await runtime().send(new ConverseStreamCommand({ messages: hi, inferenceConfig: { maxTokens: 2048 }, ...input } as ConverseStreamCommandInput));
  const events: Record<string, unknown>[] = [];
  for await (const event of response.stream!) events.push(event as unknown as Record<string, unknown>);
  return events;
}

test("every new Claude is listed with us., eu. and global. system profiles", () => {
  const catalog = withLatestModels(fixtureCatalog());
  for (const { id } of LATEST_CLAUDE) {
    for (const geo of ["us", "eu", "global"]) assert.ok(catalog.inferenceProfiles.some((p) => p.inferenceProfileId === `${geo}.${id}`), `${geo}.${id}`);
  }
});

test("Claude 4.7 and later refuse sampling parameters; 4.6 takes them", async () => {
  for (const [field, config] of [["temperature", { temperature: 0.5 }], ["top_p", { topP: 0.9 }]] as const) {
    await assert.rejects(converse({ modelId: "us.anthropic.claude-opus-4-7", inferenceConfig: { maxTokens: 100, ...config } }), { name: "ValidationException", message: `The model returned the following errors: \`${field}\` is deprecated for this model.` });
  }
  await assert.rejects(converse({ modelId: "global.anthropic.claude-sonnet-5", additionalModelRequestFields: { top_k: 5 } }), /`top_k` is deprecated/);
  await converse({ modelId: "us.anthropic.claude-sonnet-4-6", inferenceConfig: { maxTokens: 100, temperature: 0.5 } });
});

test("adaptive-only models refuse budget thinking and disabled thinking; efforts a model lacks are refused with its list", async () => {
  await assert.rejects(converse({ modelId: "us.anthropic.claude-opus-4-8", additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 1024 } } }), /`thinking.type.enabled` is not supported for this model. Use `thinking.type.adaptive` and `output_config.effort`/);
  await assert.rejects(converse({ modelId: "us.anthropic.claude-fable-5", additionalModelRequestFields: { thinking: { type: "disabled" } } }), /`thinking.type.disabled` is not supported/);
  await assert.rejects(converse({ modelId: "us.anthropic.claude-sonnet-4-6", additionalModelRequestFields: { thinking: { type: "adaptive" }, output_config: { effort: "xhigh" } } }), /This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium\./);
  await assert.rejects(converse({ modelId: "us.anthropic.claude-mythos-preview", additionalModelRequestFields: { thinking: { type: "adaptive" }, output_config: { effort: "max" } } }), /Supported levels: high, low, medium\./);
  await assert.rejects(converse({ modelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", additionalModelRequestFields: { thinking: { type: "adaptive" } } }), /Input tag 'adaptive'/);
  const events = await converse({ modelId: "us.anthropic.claude-opus-4-7", additionalModelRequestFields: { thinking: { type: "adaptive", display: "summarized" }, output_config: { effort: "xhigh" } } });
  assert.ok(events.some((e) => (e.contentBlockDelta as { delta?: { reasoningContent?: unknown } })?.delta?.reasoningContent), "the reply starts with reasoning");
});

test("a model that always thinks answers with reasoning unasked, and wants it first in a tool round trip", async () => {
  const events = await converse({ modelId: "us.anthropic.claude-opus-5" });
  assert.ok(events.some((e) => (e.contentBlockDelta as { delta?: { reasoningContent?: unknown } })?.delta?.reasoningContent));
  const messages = [
    { role: "user" as const, content: [{ text: "go" }] },
    { role: "assistant" as const, content: [{ toolUse: { toolUseId: "t1", name: "exec", input: {} } }] },
    { role: "user" as const, content: [{ toolResult: { toolUseId: "t1", content: [{ text: "ok" }] } }] },
  ];
  const toolConfig = { tools: [{ toolSpec: { name: "exec", inputSchema: { json: { type: "object" } } } }] };
  await assert.rejects(converse({ modelId: "us.anthropic.claude-opus-5", messages, toolConfig }), /a final `assistant` message must start with a thinking block/);
  await converse({ modelId: "us.anthropic.claude-opus-4-7", messages, toolConfig });
});

test("output caps, images to text-only models, tool-use ids and reasoning from another family are refused as the service does", async () => {
  await assert.rejects(converse({ modelId: "us.anthropic.claude-opus-4-1-20250805-v1:0", inferenceConfig: { maxTokens: 32_768 } }), /exceeds the model limit of 32000/);
  const png = new Uint8Array(Buffer.from("89504e470d0a1a0a", "hex"));
  await assert.rejects(converse({ modelId: "us.meta.llama3-3-70b-instruct-v1:0", messages: [{ role: "user", content: [{ text: "look" }, { image: { format: "png", source: { bytes: png } } }] }] }), /doesn't support the image content block/);
  const toolConfig = { tools: [{ toolSpec: { name: "exec", inputSchema: { json: { type: "object" } } } }] };
  const call = (id: string) => [
    { role: "user" as const, content: [{ text: "go" }] },
    { role: "assistant" as const, content: [{ toolUse: { toolUseId: id, name: "exec", input: {} } }] },
    { role: "user" as const, content: [{ toolResult: { toolUseId: id, content: [{ text: "ok" }] } }] },
  ];
  await assert.rejects(converse({ modelId: "us.amazon.nova-pro-v1:0", messages: call("call_1|fc_2"), toolConfig }), /toolUse.toolUseId' failed to satisfy constraint/);
  const text = "I thought.";
  const signed = [{ role: "user" as const, content: [{ text: "a" }] }, { role: "assistant" as const, content: [{ reasoningContent: { reasoningText: { text, signature: signReasoning(text) } } }, { text: "b" }] }, ...hi];
  await converse({ modelId: "us.anthropic.claude-haiku-4-5-20251001-v1:0", messages: signed });
  await assert.rejects(converse({ modelId: "us.amazon.nova-pro-v1:0", messages: signed }), /Invalid `signature`/);
});

test("a refusal ends with stop reason refusal, and its category when the request asked for stop details", async () => {
  const ask = { modelId: "us.anthropic.claude-opus-4-7", messages: [{ role: "user" as const, content: [{ text: "x [[emulator:refuse cyber]]" }] }] };
  const plain = (await converse(ask)).find((e) => e.messageStop)!.messageStop as { stopReason: string; additionalModelResponseFields?: unknown };
  assert.equal(plain.stopReason, "refusal");
  assert.equal(plain.additionalModelResponseFields, undefined);
  const detailed = (await converse({ ...ask, additionalModelResponseFieldPaths: ["/stop_details"] })).find((e) => e.messageStop)!.messageStop as { additionalModelResponseFields?: { stop_details?: { category?: string } } };
  assert.equal(detailed.additionalModelResponseFields?.stop_details?.category, "cyber");
});
