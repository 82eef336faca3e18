// The emulator's guardrail, tiers and latency, as the plain AWS SDK clients see them: GetGuardrail, a guarded
// ConverseStream (the intervention and its trace), and the tier and latency the metadata says served the request.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BedrockClient, GetGuardrailCommand } from "@aws-sdk/client-bedrock";
import { BedrockRuntimeClient, ConverseStreamCommand, type ConverseStreamCommandInput, type ConverseStreamMetadataEvent } from "@aws-sdk/client-bedrock-runtime";
import { startEmulator, type Emulator } from "./server.ts";
import { EMULATOR_GUARDRAIL } from "./guardrails.ts";
import { STATIC_USER } from "./identities.ts";

let emulator: Emulator;
const credentials = { accessKeyId: STATIC_USER.accessKeyId, secretAccessKey: STATIC_USER.secretAccessKey };
const region = "us-west-2";
before(async () => (emulator = await startEmulator()));
after(() => emulator.stop());

const stream = async (input: Omit<ConverseStreamCommandInput, "messages"> & { prompt: string }) => {
  const client = new BedrockRuntimeClient({ region, endpoint: emulator.url, credentials, maxAttempts: 1 });
  const { prompt, ...rest } = input;
  const response = await client.send(new ConverseStreamCommand({ ...rest, messages: [{ role: "user", content: [{ text: prompt }] }] }));
  let text = "";
  let stopReason: string | undefined;
  let metadata: ConverseStreamMetadataEvent | undefined;
  for await (const event of response.stream!) {
    text += event.contentBlockDelta?.delta?.text ?? "";
    stopReason ??= event.messageStop?.stopReason;
    if (event.metadata) metadata = event.metadata;
  }
  return { text, stopReason, metadata };
};

test("GetGuardrail describes the emulator's guardrail, by id or ARN; another is ResourceNotFoundException", async () => {
  const client = new BedrockClient({ region, endpoint: emulator.url, credentials, maxAttempts: 1 });
  const out = await client.send(new GetGuardrailCommand({ guardrailIdentifier: EMULATOR_GUARDRAIL.id, guardrailVersion: "1" }));
  assert.deepEqual([out.name, out.status, out.version, out.guardrailArn], [EMULATOR_GUARDRAIL.name, "READY", "1", `arn:aws:bedrock:${region}:${STATIC_USER.account}:guardrail/${EMULATOR_GUARDRAIL.id}`]);
  await assert.rejects(client.send(new GetGuardrailCommand({ guardrailIdentifier: EMULATOR_GUARDRAIL.id, guardrailVersion: "5" })), { name: "ResourceNotFoundException" });
});

test("a guarded prompt with the trigger word: the blocked message, stop reason guardrail_intervened, the trace when asked", async () => {
  const modelId = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
  const guardrailConfig = { guardrailIdentifier: EMULATOR_GUARDRAIL.id, guardrailVersion: "DRAFT", trace: "enabled" as const };
  const blocked = await stream({ modelId, guardrailConfig, prompt: "about swordfish" });
  assert.equal(blocked.stopReason, "guardrail_intervened");
  assert.equal(blocked.text, EMULATOR_GUARDRAIL.blockedInputMessaging);
  const topics = blocked.metadata!.trace?.guardrail?.inputAssessment?.[EMULATOR_GUARDRAIL.id]?.topicPolicy?.topics ?? [];
  assert.deepEqual(topics.map((t) => [t.name, t.action]), [[EMULATOR_GUARDRAIL.topic.name, "BLOCKED"]]);
  const passed = await stream({ modelId, guardrailConfig: { ...guardrailConfig, trace: "disabled" }, prompt: "hello" });
  assert.equal(passed.stopReason, "end_turn");
  assert.equal(passed.metadata!.trace, undefined);
  await assert.rejects(stream({ modelId, guardrailConfig: { ...guardrailConfig, guardrailVersion: "2" }, prompt: "hi" }), { name: "ValidationException", message: "The guardrail identifier or version provided in the request does not exist." });
});

test("the tier and latency that served a request come back in the metadata; what the model lacks is refused", async () => {
  const served = await stream({ modelId: "us.amazon.nova-pro-v1:0", serviceTier: { type: "flex" }, performanceConfig: { latency: "optimized" }, prompt: "hi" });
  assert.deepEqual([served.metadata!.serviceTier, served.metadata!.performanceConfig], [{ type: "flex" }, { latency: "optimized" }]);
  await assert.rejects(stream({ modelId: "us.amazon.nova-pro-v1:0", serviceTier: { type: "reserved" }, prompt: "hi" }), { name: "ValidationException", message: "Reservation not found." });
  await assert.rejects(stream({ modelId: "us.anthropic.claude-haiku-4-5-20251001-v1:0", serviceTier: { type: "priority" }, prompt: "hi" }), { name: "ValidationException", message: "The service tier provided is invalid." });
});
