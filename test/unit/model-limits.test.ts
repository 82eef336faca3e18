import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { findKnownModel, limitsFor } from "../../src/bedrock/model-limits.ts";
import { fixturesDir } from "../helpers/cli.ts";

test("ids match with the geography prefix and version suffix stripped, longest key first", () => {
  assert.equal(findKnownModel("us.anthropic.claude-opus-4-1-20250805-v1:0")?.out, 32_000);
  assert.equal(findKnownModel("global.anthropic.claude-opus-4-6-v1")?.out, 128_000);
  assert.equal(findKnownModel("anthropic.claude-3-5-sonnet-20241022-v2:0")?.out, 8_192);
  assert.equal(findKnownModel("anthropic.claude-3-5-sonnet-20240620-v1:0")?.out, 4_096);
  assert.equal(findKnownModel("nvidia.nemotron-nano-12b-v2")?.reasoning, true, "-v2 that is part of the name");
  assert.equal(findKnownModel("amazon.nova-2-lite-v1:0:256k")?.ctx, 1_000_000);
  assert.equal(findKnownModel("openai.gpt-oss-120b-1:0")?.ctx, 128_000);
  assert.equal(findKnownModel("cohere.command-r-plus-v1:0")?.ctx, 128_000);
  assert.equal(findKnownModel("anthropic.claude-opus-4-20250514-v1:0")?.out, 32_000, "opus-4 is not opus-4-1");
  assert.equal(findKnownModel("acme.unknown-model-v1:0"), undefined);
});

test("every current text model in the real captures has known limits (none gets the 32000 fallback)", () => {
  const dir = path.join(fixturesDir, "bedrock");
  const models = JSON.parse(fs.readFileSync(path.join(dir, "list-foundation-models.us-east-1.sample.json"), "utf8")).modelSummaries;
  const profiles = JSON.parse(fs.readFileSync(path.join(dir, "list-inference-profiles.us-west-2.json"), "utf8")).inferenceProfileSummaries;
  const textIds = [
    ...models.filter((m: any) => m.outputModalities.includes("TEXT") && m.inputModalities.includes("TEXT") && m.responseStreamingSupported && !m.modelId.startsWith("twelvelabs.")).map((m: any) => m.modelId),
    ...profiles.map((p: any) => p.inferenceProfileId).filter((id: string) => /anthropic|amazon\.nova|meta|mistral|deepseek|writer/.test(id)),
  ];
  const unknown = textIds.filter((id: string) => !limitsFor(id).known);
  assert.deepEqual(unknown, []);
});

test("unknown models get the configured defaults", () => {
  assert.deepEqual(limitsFor("acme.new-model-v1:0", { contextWindow: 64_000, maxTokens: 2048 }), { contextWindow: 64_000, maxTokens: 2048, reasoning: false, known: false });
  assert.deepEqual(limitsFor("acme.new-model-v1:0"), { contextWindow: 32_000, maxTokens: 4096, reasoning: false, known: false });
});
