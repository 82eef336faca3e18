// Model knowledge by vendor, family and version: the next minor version gets its generation's rules without a code
// change; thinking levels become efforts or budgets each model takes; what a refusal teaches; the doctor shows it.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findKnownModel, modelFamily } from "../../src/bedrock/model-limits.ts";
import { parseClaudeId } from "../../src/bedrock/model-families.ts";
import { clampEffort, planThinking, thinkingProfile } from "../../src/transport/thinking.ts";
import { clearLearnedRules, learnedRulesFile, learnFromRefusal, readLearnedRules, rememberRule, withLearned } from "../../src/bedrock/learned-rules.ts";
import { checkCapabilities } from "../../src/doctor/capabilities.ts";
import { buildConverseRequest } from "../../src/transport/converse-request.ts";
import { ToolIds } from "../../src/transport/tool-names.ts";
import { resolveThinkingProfile } from "../../src/plugin/dynamic-model.ts";

test("Claude ids parse to a line and a version, whatever the profile prefix or date suffix", () => {
  assert.deepEqual(parseClaudeId("anthropic.claude-opus-4-7"), { line: "opus", version: [4, 7], preview: false });
  assert.deepEqual(parseClaudeId("anthropic.claude-sonnet-5-20260630-v1:0"), { line: "sonnet", version: [5, 0], preview: false });
  assert.deepEqual(parseClaudeId("anthropic.claude-opus-4-20250514-v1:0"), { line: "opus", version: [4, 0], preview: false });
  assert.deepEqual(parseClaudeId("anthropic.claude-mythos-preview"), { line: "mythos", version: [0, 0], preview: true });
  assert.equal(parseClaudeId("anthropic.claude-3-5-sonnet-20241022-v2:0"), undefined, "Claude 3.x is in the table");
});

test("a new minor version gets its generation's rules: Opus 4.9 and Sonnet 5.2 like Opus 4.7 and Sonnet 5", () => {
  for (const id of ["us.anthropic.claude-opus-4-7", "anthropic.claude-opus-4-9", "global.anthropic.claude-sonnet-5-2", "eu.anthropic.claude-haiku-5-5", "anthropic.claude-fable-5", "anthropic.claude-mythos-5"]) {
    const family = modelFamily(id);
    assert.equal(family.reasoning, "adaptive", id);
    assert.equal(family.noSampling, true, id);
    assert.ok(family.efforts?.includes("xhigh") && family.efforts.includes("max"), id);
  }
  assert.equal(modelFamily("anthropic.claude-opus-5-5").alwaysThinks, true);
  assert.equal(modelFamily("anthropic.claude-fable-5-1").alwaysThinks, true);
  assert.equal(modelFamily("global.anthropic.claude-sonnet-5").alwaysThinks, true);
  assert.equal(modelFamily("eu.anthropic.claude-haiku-5-5").alwaysThinks, undefined);
  assert.deepEqual(modelFamily("global.anthropic.claude-opus-4-6-v1").efforts, ["low", "medium", "high", "max"]);
  assert.equal(modelFamily("us.anthropic.claude-sonnet-4-6").noSampling, undefined);
  assert.deepEqual(modelFamily("anthropic.claude-mythos-preview").efforts, ["low", "medium", "high"]);
  assert.equal(modelFamily("us.anthropic.claude-opus-4-5-20251101-v1:0").reasoning, "budget", "below 4.6: budget thinking");
  assert.equal(modelFamily("us.anthropic.claude-opus-4-1-20250805-v1:0").reasoning, "budget");
});

test("limits: today's models with sources, and a later minor version its generation's (not Opus 4's 32k)", () => {
  assert.deepEqual([findKnownModel("us.anthropic.claude-sonnet-4-6")?.ctx, findKnownModel("us.anthropic.claude-sonnet-4-6")?.out], [1_000_000, 64_000]);
  assert.equal(findKnownModel("us.anthropic.claude-opus-4-7")?.out, 128_000);
  assert.equal(findKnownModel("anthropic.claude-opus-4-9")?.out, 128_000);
  assert.equal(findKnownModel("anthropic.claude-sonnet-5-2")?.ctx, 1_000_000);
  assert.equal(findKnownModel("anthropic.claude-opus-4-20250514-v1:0")?.out, 32_000, "Opus 4 keeps its own line");
  assert.equal(findKnownModel("anthropic.claude-opus-4-1-20250805-v1:0")?.out, 32_000);
});

test("efforts clamp to the strongest the model has at or below the level; off on an always-thinking model is its weakest", () => {
  assert.equal(clampEffort("xhigh", ["low", "medium", "high", "max"]), "high");
  assert.equal(clampEffort("max", ["low", "medium", "high"]), "high");
  assert.equal(clampEffort("low", ["medium", "high"]), "medium");
  const fable = modelFamily("anthropic.claude-fable-5");
  assert.deepEqual(planThinking({ family: fable, level: "off", maxTokens: 1000 }).fields, { thinking: { type: "adaptive", display: "summarized" }, output_config: { effort: "low" } });
  assert.deepEqual(planThinking({ family: fable, level: undefined, maxTokens: 1000, govCloud: true }).fields, { thinking: { type: "adaptive" }, output_config: { effort: "high" } });
  assert.deepEqual(planThinking({ family: modelFamily("anthropic.claude-opus-4-7"), level: "off", maxTokens: 1000 }), { thinks: false });
});

test("budgets stay under maxTokens with room to answer, and below 1024 there is no thinking", () => {
  const opus41 = modelFamily("anthropic.claude-opus-4-1-20250805-v1:0");
  const max = planThinking({ family: opus41, level: "max", maxTokens: 32_000 });
  assert.ok(max.budget! < 32_000 && max.budget! >= 1024);
  assert.deepEqual(planThinking({ family: opus41, level: "minimal", maxTokens: 1500 }), { thinks: false });
  const { request } = buildConverseRequest({ id: "us.anthropic.claude-opus-4-1-20250805-v1:0", api: "bedrock-converse-stream", provider: "amazon-bedrock", maxTokens: 32_000 }, { messages: [{ role: "user", content: "hi" }] }, { reasoning: "max" });
  const budget = (request.additionalModelRequestFields?.thinking as { budget_tokens: number }).budget_tokens;
  assert.ok(budget < request.inferenceConfig!.maxTokens! && request.inferenceConfig!.maxTokens! <= 32_000);
});

test("/think offers only what the model takes; unknown models keep OpenClaw's own levels", () => {
  const ids = (id: string) => resolveThinkingProfile({ provider: "amazon-bedrock", modelId: id }, {})?.levels.map((l) => l.id);
  assert.deepEqual(ids("us.anthropic.claude-opus-4-7"), ["off", "minimal", "low", "medium", "high", "xhigh", "max"]);
  assert.deepEqual(ids("us.anthropic.claude-sonnet-4-6"), ["off", "minimal", "low", "medium", "high", "max"]);
  assert.deepEqual(ids("us.amazon.nova-2-lite-v1:0"), ["off", "low", "medium", "high"]);
  assert.deepEqual(ids("us.meta.llama3-3-70b-instruct-v1:0"), ["off"]);
  assert.equal(resolveThinkingProfile({ provider: "amazon-bedrock", modelId: "acme.new-v1:0" }, {}), undefined);
  assert.equal(thinkingProfile(modelFamily("global.anthropic.claude-sonnet-5"))?.defaultLevel, "high");
});

test("a refusal teaches only the rule it names, and only about a parameter that was sent", () => {
  const all = { temperature: true, topP: true, budgetThinking: true, effort: true, thinking: true };
  assert.equal(learnFromRefusal("The model returned the following errors: `temperature` is deprecated for this model.", all)?.noSampling, true);
  assert.equal(learnFromRefusal("The model returned the following errors: `temperature` is deprecated for this model.", { ...all, temperature: false, topP: false }), undefined);
  assert.equal(learnFromRefusal("`thinking.type.enabled` is not supported for this model. Use `thinking.type.adaptive` and `output_config.effort`", all)?.adaptiveOnly, true);
  assert.deepEqual(learnFromRefusal("This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium.", all)?.efforts, ["low", "medium", "high", "max"]);
  assert.equal(learnFromRefusal("thinking: Extra inputs are not permitted", all)?.noThinking, true);
  assert.equal(learnFromRefusal("Input is too long for requested model.", all), undefined);
  assert.equal(learnFromRefusal("A conversation must alternate between user and assistant roles.", all), undefined);
});

test("learned rules are kept 0600 in a 0700 directory, shown by the doctor, and cleared by deleting the file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "learned-"));
  const env = { OPENCLAW_STATE_DIR: path.join(dir, "state") };
  try {
    rememberRule(env, "us.acme.model-v1:0", { noSampling: true, because: "`temperature` is deprecated for this model." });
    rememberRule(env, "acme.model-v1:0", { efforts: ["low", "high"], because: "later" });
    const rule = readLearnedRules(env)["acme.model-v1:0"]!;
    assert.equal(rule.noSampling, true, "rules add up");
    assert.deepEqual(rule.efforts, ["low", "high"]);
    assert.equal(rule.because, "`temperature` is deprecated for this model.", "the first reason is kept");
    assert.equal(fs.statSync(learnedRulesFile(env)).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(learnedRulesFile(env))).mode & 0o777, 0o700);
    assert.equal(withLearned(modelFamily("acme.model-v1:0"), rule).noSampling, true);
    const result = checkCapabilities({ id: "us.acme.model-v1:0", source: "--model" }, undefined, true, env);
    assert.match(result.notes.join("\n"), /learned from Bedrock on \d{4}-\d\d-\d\d: no sampling parameters, efforts low\/high \(it said: `temperature` is deprecated/);
    assert.match(result.notes.join("\n"), /forget with: rm .*learned-model-rules\.json/);
    assert.equal(result.details.noSampling, true);
    clearLearnedRules(env);
    assert.deepEqual(readLearnedRules(env), {});
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("tool-call ids map to ones Bedrock takes, distinct, the same for a call and its result, and back", () => {
  const ids = new ToolIds();
  const a = ids.toBedrock("call_1|fc_2");
  const b = ids.toBedrock("call_1/fc_2");
  assert.match(a, /^[a-zA-Z0-9_-]{1,64}$/);
  assert.notEqual(a, b);
  assert.equal(ids.toBedrock("call_1|fc_2"), a);
  assert.equal(ids.fromBedrock(b), "call_1/fc_2");
  assert.equal(ids.toBedrock("x".repeat(100)).length, 64);
  assert.equal(ids.toBedrock("tooluse_ok"), "tooluse_ok");
});
