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

test("providers: a bad URL, a model without an id, an empty id and a model that is not an object", () => {
  assert.deepEqual(issues({ models: { providers: { a: { baseUrl: "nope", models: [{ name: "x" }, { id: "", name: "y" }, 5] } } } }), [
    "models.providers.a.baseUrl: expected a URL such as https://bedrock-runtime.us-east-1.amazonaws.com",
    "models.providers.a.models.0.id: expected the model id as a string",
    "models.providers.a.models.1.id: the model id cannot be empty",
    "models.providers.a.models.2: expected a model object with an id and a name",
  ]);
});

test("the agent model: a reference, or { primary, fallbacks }; the problem is named where it is", () => {
  assert.deepEqual(issues({ agents: { defaults: { model: 5 } } }), ["agents.defaults.model: expected a provider/model reference, or { primary, fallbacks }"]);
  const ref = "expected a provider/model reference such as amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  assert.deepEqual(issues({ agents: { defaults: { model: "bad ref" } } }), [`agents.defaults.model: ${ref}`]);
  assert.deepEqual(issues({ agents: { defaults: { model: { primary: "bad", fallbacks: ["a/b", "c"] } } } }), [`agents.defaults.model.primary: ${ref}`, `agents.defaults.model.fallbacks.1: ${ref}`]);
});
