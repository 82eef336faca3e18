import { test } from "node:test";
import assert from "node:assert/strict";
import { checkCapabilities } from "../../src/doctor/capabilities.ts";
import { findModelFamily, modelFamily } from "../../src/bedrock/model-limits.ts";

test("a model the tables know: its family's reasoning style and caching; a profile uses its base model's", () => {
  assert.equal(modelFamily("us.anthropic.claude-sonnet-4-5-20250929-v1:0").reasoning, "budget");
  assert.equal(modelFamily("global.anthropic.claude-opus-4-6-v1").reasoning, "adaptive");
  assert.equal(modelFamily("us.amazon.nova-2-lite-v1:0").reasoning, "effort");
  assert.equal(modelFamily("anthropic.claude-3-haiku-20240307-v1:0").cache, undefined);
  assert.equal(modelFamily("anthropic.claude-3-5-haiku-20241022-v1:0").cache?.minTokens, 2048);
  assert.deepEqual(modelFamily("amazon.nova-pro-v1:0").cache, { minTokens: 1000, ttls: ["5m"], tools: false });
});

test("a model the tables do not know gets safe defaults, and the doctor names each assumed field", () => {
  assert.equal(findModelFamily("acme.brand-new-model-v1:0"), undefined);
  const result = checkCapabilities({ id: "acme.brand-new-model-v1:0", source: "--model" }, undefined, true);
  assert.equal(result.status, "pass");
  assert.deepEqual(result.details.assumed, ["context window", "max output", "reasoning", "caching", "input kinds"]);
  assert.match(result.summary, /context 32000, max output 4096, input text, reasoning none, no prompt caching; assumed: context window, max output, reasoning, caching, input kinds$/);
});

test("no model to describe is a skip", () => {
  assert.equal(checkCapabilities(undefined, undefined, true).status, "skip");
});
