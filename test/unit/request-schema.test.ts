// The guardrail, service tier and latency settings are defined once (src/config/request-fields.ts): the manifest's
// JSON Schema, which OpenClaw's own `config set` applies without loading the plugin, is that definition, and so is
// our validator; the transport reads them into the request the way the service takes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { requestJsonSchema } from "../../src/config/request-fields.ts";
import { fieldKindAt, findConfigIssues } from "../../src/config/schema.ts";
import { applyTurnSettings, readTurnSettings } from "../../src/transport/turn-settings.ts";
import { describeIntervention } from "../../src/transport/guardrail-trace.ts";
import { buildConverseRequest } from "../../src/transport/converse-request.ts";
import type { Model } from "../../src/transport/types.ts";
import { repoRoot } from "../helpers/cli.ts";

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "openclaw.plugin.json"), "utf8"));
const plugin = (config: Record<string, unknown>) => ({ plugins: { entries: { "amazon-bedrock": { config } } } });
const model: Model = { id: "us.amazon.nova-lite-v1:0", api: "bedrock-converse-stream", provider: "amazon-bedrock", maxTokens: 4096 };

test("openclaw.plugin.json declares exactly the guardrail, serviceTier and performanceConfig the code defines", () => {
  for (const [key, schema] of Object.entries(requestJsonSchema())) assert.deepEqual(manifest.configSchema.properties[key], schema, key);
});

test("the validator takes what the service takes and refuses the rest, each with the path it belongs to", () => {
  const ok = [
    { guardrail: { guardrailIdentifier: "gr1a2b3c4d5e", guardrailVersion: "DRAFT" } },
    { guardrail: { guardrailIdentifier: "arn:aws:bedrock:us-east-1:111122223333:guardrail/gr1a2b3c4d5e", guardrailVersion: "12", streamProcessingMode: "async", trace: "enabled_full" } },
    { serviceTier: "flex" },
    { serviceTier: "reserved", performanceConfig: { latency: "optimized" } },
  ];
  for (const config of ok) assert.deepEqual(findConfigIssues(plugin(config)), [], JSON.stringify(config));
  const bad: [Record<string, unknown>, string, RegExp][] = [
    [{ guardrail: { guardrailIdentifier: "GR-1", guardrailVersion: "1" } }, "guardrail.guardrailIdentifier", /expected gr1a2b3c4d5e or arn:aws:bedrock/],
    [{ guardrail: { guardrailIdentifier: "gr1", guardrailVersion: "0" } }, "guardrail.guardrailVersion", /expected DRAFT or 1/],
    [{ guardrail: { guardrailIdentifier: "gr1", guardrailVersion: "draft" } }, "guardrail.guardrailVersion", /expected DRAFT or 1/],
    [{ guardrail: { guardrailIdentifier: "gr1" } }, "guardrail", /guardrailIdentifier and guardrailVersion together/],
    [{ guardrail: { guardrailIdentifier: "gr1", guardrailVersion: "1", trace: "on" } }, "guardrail.trace", /expected one of enabled, disabled, enabled_full/],
    [{ guardrail: { guardrailIdentifier: "gr1", guardrailVersion: "1", mode: "sync" } }, "guardrail.mode", /unknown key "mode"/],
    [{ serviceTier: "standard" }, "serviceTier", /expected one of priority, default, flex, reserved/],
    [{ performanceConfig: { latency: "fast" } }, "performanceConfig.latency", /expected one of standard, optimized/],
  ];
  for (const [config, at, message] of bad) {
    const issues = findConfigIssues(plugin(config));
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.equal(issues[0]!.path.slice(4).join("."), at);
    assert.match(issues[0]!.message, message);
  }
  const incomplete = findConfigIssues(plugin({ guardrail: { guardrailVersion: "1" } }))[0]!;
  assert.match(incomplete.fix!, /config set plugins\.entries\["amazon-bedrock"\]\.config\.guardrail '\{guardrailIdentifier:"<id>",guardrailVersion:"DRAFT"\}'/);
});

test("per-model params of amazon-bedrock models are checked; other providers' params are theirs", () => {
  const config = {
    agents: { defaults: { models: { "amazon-bedrock/us.amazon.nova-lite-v1:0": { params: { serviceTier: "auto" } }, "openai/gpt-5": { params: { serviceTier: "auto" } } } } },
    models: { providers: { "amazon-bedrock": { params: { serviceTier: "Flex" }, models: [{ id: "x", name: "x", params: { performanceConfig: { latency: "turbo" } } }] } } },
  };
  const issues = findConfigIssues(config).map((i) => `${i.path.join(".")}: ${i.message}`);
  assert.deepEqual(issues, [
    "agents.defaults.models.amazon-bedrock/us.amazon.nova-lite-v1:0.params.serviceTier: expected one of priority, default, flex, reserved",
    "models.providers.amazon-bedrock.params.serviceTier: expected one of priority, default, flex, reserved",
    "models.providers.amazon-bedrock.models.0.params.performanceConfig.latency: expected one of standard, optimized",
  ]);
});

test("config set reads every setting as a string", () => {
  for (const leaf of [["guardrail", "guardrailVersion"], ["guardrail", "trace"], ["serviceTier"], ["performanceConfig", "latency"]]) {
    assert.equal(fieldKindAt(["plugins", "entries", "amazon-bedrock", "config", ...leaf]), "string", leaf.join("."));
  }
});

test("the request carries the settings as ConverseStream takes them; nothing configured adds nothing", () => {
  const config = plugin({ guardrail: { guardrailIdentifier: "gr1", guardrailVersion: "DRAFT", trace: "enabled" }, serviceTier: "flex", performanceConfig: { latency: "optimized" } });
  const { request } = buildConverseRequest(model, { messages: [{ role: "user", content: "hi" }] });
  const bare = JSON.stringify(request);
  applyTurnSettings(request, readTurnSettings({}, model));
  assert.equal(JSON.stringify(request), bare);
  applyTurnSettings(request, readTurnSettings(config, model));
  assert.deepEqual(request.guardrailConfig, { guardrailIdentifier: "gr1", guardrailVersion: "DRAFT", trace: "enabled" });
  assert.deepEqual(request.serviceTier, { type: "flex" });
  assert.deepEqual(request.performanceConfig, { latency: "optimized" });
});

test("a ${VAR} in the guardrail is substituted as OpenClaw substitutes config values", () => {
  const settings = readTurnSettings(plugin({ guardrail: { guardrailIdentifier: "${GUARDRAIL_ID}", guardrailVersion: "1" } }), model, { GUARDRAIL_ID: "grfromenv" });
  assert.equal(settings.guardrail?.guardrailIdentifier, "grfromenv");
});

test("an intervention names the policies that acted, by name and type, never the text they matched", () => {
  const trace = {
    inputAssessment: {
      gr1: {
        topicPolicy: { topics: [{ name: "Investment advice", type: "DENY", action: "BLOCKED" }] },
        contentPolicy: { filters: [{ type: "VIOLENCE", confidence: "HIGH", action: "BLOCKED" }, { type: "HATE", confidence: "NONE", action: "NONE" }] },
        wordPolicy: { customWords: [{ match: "the-secret-word", action: "BLOCKED" }], managedWordLists: [{ match: "darn", type: "PROFANITY", action: "BLOCKED" }] },
        sensitiveInformationPolicy: { piiEntities: [{ match: "jane@example.com", type: "EMAIL", action: "ANONYMIZED" }], regexes: [{ name: "ticket id", match: "TCK-1234", regex: "TCK-\\d+", action: "BLOCKED" }] },
      },
    },
  };
  const message = describeIntervention({ guardrailIdentifier: "gr1", guardrailVersion: "3", trace: "enabled" }, trace);
  assert.match(message, /guardrail gr1 \(version 3\) intervened/);
  assert.match(message, /on the prompt: denied topic "Investment advice", content filter VIOLENCE \(HIGH\), custom word list \(1 word\), managed word list PROFANITY, sensitive information EMAIL \(ANONYMIZED\), regex "ticket id" \(BLOCKED\)/);
  assert.doesNotMatch(message, /HATE|the-secret-word|darn|jane@example\.com|TCK-/);
});
