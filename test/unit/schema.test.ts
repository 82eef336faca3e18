// Validation of what this tool owns: each problem once, at its path, in words a user can act on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { findConfigIssues } from "../../src/config/schema.ts";

const issues = (config: unknown) => findConfigIssues(config).map((i) => `${i.path.join(".")}: ${i.message}${i.fix ? ` (${i.fix})` : ""}`);

test("a valid config, with keys this tool does not own, has no issues", () => {
  const config = {
    gateway: { port: 18789 },
    models: { bedrockDiscovery: { enabled: true, region: "eu-central-2", providerFilter: ["anthropic"], refreshInterval: 0, defaultContextWindow: 200000, defaultMaxTokens: 8192, includeInferenceProfiles: true } },
    agents: { defaults: { model: { primary: "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", fallbacks: [] }, other: 1 } },
    plugins: { entries: { "amazon-bedrock": { config: { discovery: { enabled: false } } } } },
  };
  assert.deepEqual(issues(config), []);
  assert.deepEqual(issues({ agents: { defaults: { model: "amazon-bedrock/x" } } }), []);
});

test("every unknown discovery key is reported, each with the closest valid key", () => {
  assert.deepEqual(issues({ models: { bedrockDiscovery: { regoin: "x", refreshIntervl: 5, zzz: 1 } } }), [
    "models.bedrockDiscovery.regoin: unknown key \"regoin\": did you mean region? (use models.bedrockDiscovery.region)",
    "models.bedrockDiscovery.refreshIntervl: unknown key \"refreshIntervl\": did you mean refreshInterval? (use models.bedrockDiscovery.refreshInterval)",
    "models.bedrockDiscovery.zzz: unknown key \"zzz\": valid keys: enabled, region, providerFilter, refreshInterval, defaultContextWindow, defaultMaxTokens, includeInferenceProfiles",
  ]);
});

test("one message per field, though several of its checks fail", () => {
  assert.deepEqual(issues({ plugins: { entries: { "amazon-bedrock": { config: { discovery: { region: "moon-1", defaultMaxTokens: -0.5 } } } } } }), [
    "plugins.entries.amazon-bedrock.config.discovery.region: expected an AWS region code such as us-east-1 or eu-central-2",
    "plugins.entries.amazon-bedrock.config.discovery.defaultMaxTokens: expected a whole number above 0 (tokens)",
  ]);
});

test("an array where an object belongs is refused (an array is an object to JavaScript)", () => {
  assert.deepEqual(issues([]), [": the config must be an object"]);
  assert.deepEqual(issues({ models: [] }), ["models: expected an object"]);
  assert.deepEqual(issues({ models: { bedrockDiscovery: [] } }), ["models.bedrockDiscovery: expected an object of discovery options"]);
  assert.deepEqual(issues({ models: { providers: [] } }), ["models.providers: expected an object of providers"]);
  assert.deepEqual(issues({ models: { providers: { a: [] } } }), ["models.providers.a: expected a provider object"]);
  assert.deepEqual(issues({ models: { providers: { a: { models: [{ id: "x", name: "X", cost: [] }] } } } }), ["models.providers.a.models.0.cost: expected prices per million tokens"]);
});

test("providers: a base URL that is not a string, a model without an id, an empty id and a model that is not an object", () => {
  assert.deepEqual(issues({ models: { providers: { a: { baseUrl: 5, models: [{ name: "x" }, { id: "", name: "y" }, 5] } } } }), [
    "models.providers.a.baseUrl: expected a URL such as https://bedrock-runtime.us-east-1.amazonaws.com",
    "models.providers.a.models.0.id: expected the model id as a string",
    "models.providers.a.models.1.id: the model id cannot be empty",
    "models.providers.a.models.2: expected a model object with an id and a name",
  ]);
});

// OpenClaw 2026.9.6's own schema decides these (test/openclaw/validate-diff.test.ts compares the two on real configs).
test("as OpenClaw: any base URL string, fractional token counts, known input kinds, api and auth values, strict prices", () => {
  const model = (extra: Record<string, unknown>) => ({ models: { providers: { a: { models: [{ id: "x", name: "X", ...extra }] } } } });
  assert.deepEqual(issues({ models: { providers: { a: { baseUrl: "https://bedrock-runtime.<AWS_REGION>.amazonaws.com" } } } }), []);
  assert.deepEqual(issues(model({ contextWindow: 1.5, maxTokens: 8192.5, input: ["text", "image", "video", "audio"] })), []);
  assert.deepEqual(issues(model({ cost: { input: 1, tieredPricing: [{ input: 1, output: 2, cacheRead: 0, cacheWrite: 0, range: [0, 1000] }] } })), []);
  assert.deepEqual(issues(model({ contextWindow: 0, maxTokens: "8192" })), [
    "models.providers.a.models.0.contextWindow: expected a number of tokens above 0",
    "models.providers.a.models.0.maxTokens: expected a number of tokens above 0",
  ]);
  assert.deepEqual(issues(model({ input: ["text", "pdf"] })), ["models.providers.a.models.0.input.1: expected input kinds: text, image, video, audio"]);
  assert.deepEqual(issues(model({ cost: { input: 1, ouput: 2 } })), [
    'models.providers.a.models.0.cost.ouput: unknown key "ouput": did you mean output? (use models.providers.a.models[0].cost.output)',
  ]);
  assert.deepEqual(issues({ models: { providers: { a: { api: "bedrock", auth: "iam" } } } }).map((i) => i.split(":")[0]), ["models.providers.a.api", "models.providers.a.auth"]);
  assert.deepEqual(issues({ models: { providers: { a: { api: "bedrock-converse-stream", auth: "aws-sdk" } } } }), []);
});

test("the agent model: any string (a reference or an alias), or exactly { primary, fallbacks }", () => {
  const message = "agents.defaults.model: expected a model reference such as amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0, or { primary, fallbacks }";
  for (const model of ["sonnet", "", "amazon-bedrock/x", { primary: "a/b", fallbacks: ["c", "d/e"] }, {}]) assert.deepEqual(issues({ agents: { defaults: { model } } }), [], JSON.stringify(model));
  for (const model of [5, [], { primary: 5 }, { fallbacks: "a/b" }, { primary: "a/b", extra: 1 }]) assert.deepEqual(issues({ agents: { defaults: { model } } }), [message], JSON.stringify(model));
});
