// What this tool owns in openclaw.json, validated strictly; every other key passes through untouched.
// valibot: its schemas are plain objects built by small functions, so loading, building and running them
// costs a fraction of zod's on a cold start (docs/architecture.md has the numbers).
import * as v from "valibot";
import { closestMatch } from "../text/closest-match.js";
import { DISCOVERY_FIELDS, DISCOVERY_OPTIONS, discoveryFieldKind, MODELS_DISCOVERY_PATH, PLUGIN_DISCOVERY_PATH, type DiscoveryField, type DiscoveryOptionSpec, type FieldKind } from "./discovery-fields.js";
import { ENDPOINT_FIELDS, endpointUrlProblem, PLUGIN_ENDPOINTS_PATH } from "./endpoint-fields.js";
import { formatConfigPath, type PathSegment } from "./path-syntax.js";
import { cmd } from "../text/commands.js";
import { GUARDRAIL_FIELDS, LATENCY_SPEC, leafValueUsable, requestLeafAt, SERVICE_TIER_SPEC, type RequestLeafSpec } from "./request-fields.js";

const positiveInt = (what: string) => {
  const text = `expected a whole number above 0 (${what})`;
  return v.pipe(v.number(text), v.integer(text), v.minValue(1, text));
};
const bool = v.boolean("expected true or false");
const regionText = "expected an AWS region code such as us-east-1 or eu-central-2";
const secondsText = "expected whole seconds, 0 or more (0 turns the cache off)";

/** An unknown key in a strict object: reported one by one, each with the closest valid key. */
const UNKNOWN_KEY = "unknown key";

/** valibot's object schemas take arrays too (an array is an object): these refuse them first. */
const isPlainObject = (input: unknown): input is Record<string, unknown> => typeof input === "object" && input !== null && !Array.isArray(input);
const objectOnly = <T extends v.GenericSchema>(schema: T, message: string | ((issue: v.BaseIssue<unknown>) => string)) =>
  v.pipe(v.custom<unknown>(isPlainObject, message), schema);
const strictObject = <T extends v.ObjectEntries>(entries: T, message: string) => objectOnly(v.objectWithRest(entries, v.never(UNKNOWN_KEY), message), message);
const looseObject = <T extends v.ObjectEntries>(entries: T, message: string | ((issue: v.BaseIssue<unknown>) => string)) => objectOnly(v.looseObject(entries, message), message);
const recordOf = <T extends v.GenericSchema>(value: T, message: string) => objectOnly(v.record(v.string(), value, message), message);

/** One discovery option's validator, from its definition in discovery-fields.ts, with messages people read. */
function discoveryOptionSchema(spec: DiscoveryOptionSpec): v.GenericSchema {
  switch (spec.kind) {
    case "boolean":
      return bool;
    case "string":
      return spec.pattern ? v.pipe(v.string(regionText), v.regex(spec.pattern, regionText)) : v.string();
    case "string[]":
      return v.array(v.pipe(v.string("expected provider names"), v.minLength(1, "a provider name cannot be empty")), 'expected a list of provider names such as ["anthropic","amazon"]');
    case "integer":
      return spec.unit === "seconds" ? v.pipe(v.number(secondsText), v.integer(secondsText), v.minValue(spec.minimum, secondsText)) : positiveInt(spec.unit);
  }
}

export const discoverySchema = strictObject(
  Object.fromEntries(DISCOVERY_FIELDS.map((field) => [field, v.optional(discoveryOptionSchema(DISCOVERY_OPTIONS[field]))])),
  "expected an object of discovery options",
);

const ENDPOINT_EXAMPLE = "https://vpce-0abc123-xyz.bedrock.us-east-1.vpce.amazonaws.com";
const endpointText = `expected an endpoint URL with its scheme, such as ${ENDPOINT_EXAMPLE}`;
export const endpointsSchema = strictObject(
  {
    control: v.optional(
      v.pipe(
        v.string(endpointText),
        v.check((value) => endpointUrlProblem(value) === undefined, (issue) => `${endpointUrlProblem(issue.input)}: write the scheme and host, such as ${ENDPOINT_EXAMPLE}`),
      ),
    ),
  },
  "expected an object of endpoints: { control }",
);

/** One request setting's validator (request-fields.ts), worded with the values or the form it takes. */
function requestLeafSchema(spec: RequestLeafSpec): v.GenericSchema {
  const text = "pattern" in spec ? `expected ${spec.example}` : `expected one of ${spec.values.join(", ")}`;
  return v.pipe(v.string(text), v.check((value) => leafValueUsable(spec, value), text));
}

const GUARDRAIL_INCOMPLETE = "a guardrail needs guardrailIdentifier and guardrailVersion together";
const guardrailSchema = v.pipe(
  strictObject(
    Object.fromEntries(Object.entries(GUARDRAIL_FIELDS).map(([key, spec]) => [key, v.optional(requestLeafSchema(spec))])),
    "expected a guardrail { guardrailIdentifier, guardrailVersion, streamProcessingMode?, trace? }",
  ),
  v.check((g) => typeof g.guardrailIdentifier === "string" && typeof g.guardrailVersion === "string", GUARDRAIL_INCOMPLETE),
);
const serviceTierSchema = requestLeafSchema(SERVICE_TIER_SPEC);
const performanceConfigSchema = strictObject({ latency: v.optional(requestLeafSchema(LATENCY_SPEC)) }, "expected { latency: standard | optimized }");

const MODEL_NAME_NEEDED = "a model needs a name (a string): OpenClaw refuses the entry without one";

// The model entries, providers and agent model below mirror OpenClaw 2026.9.6's own schema on the keys this tool
// validates (test/openclaw/validate-diff.test.ts runs both over real configs): no stricter, no looser.
const tokensText = "expected a number of tokens above 0";
const tokens = v.pipe(v.number(tokensText), v.gtValue(0, tokensText));
const price = v.number("expected a price per million tokens");
const INPUT_KINDS = ["text", "image", "video", "audio"] as const;
const inputText = `expected input kinds: ${INPUT_KINDS.join(", ")}`;
const TIER_KEYS = ["input", "output", "cacheRead", "cacheWrite", "range"];
const COST_KEYS = ["input", "output", "cacheRead", "cacheWrite", "tieredPricing"];
const tier = strictObject(
  { input: price, output: price, cacheRead: price, cacheWrite: price, range: v.union([v.tuple([v.number()]), v.tuple([v.number(), v.number()])], "expected a token range [from] or [from, to]") },
  "expected a price tier { input, output, cacheRead, cacheWrite, range }",
);
const cost = strictObject(
  {
    input: v.optional(price),
    output: v.optional(price),
    cacheRead: v.optional(price),
    cacheWrite: v.optional(price),
    tieredPricing: v.optional(v.array(tier, "expected a list of price tiers")),
  },
  "expected prices per million tokens",
);

const modelEntry = looseObject(
  {
    id: v.pipe(v.string("expected the model id as a string"), v.minLength(1, "the model id cannot be empty")),
    // OpenClaw (2026.9.6) refuses a model entry without a name: so does this tool.
    name: v.pipe(v.string(MODEL_NAME_NEEDED), v.minLength(1, "the model name cannot be empty")),
    reasoning: v.optional(bool),
    input: v.optional(v.array(v.picklist(INPUT_KINDS, inputText), inputText)),
    cost: v.optional(cost),
    // OpenClaw takes any number above 0 here (a fraction too), unlike the discovery defaults.
    contextWindow: v.optional(tokens),
    maxTokens: v.optional(tokens),
  },
  (issue) =>
    issue.expected === '"id"'
      ? "expected the model id as a string"
      : issue.expected === '"name"'
        ? MODEL_NAME_NEEDED
        : "expected a model object with an id and a name",
);

/** The API adapters and auth modes OpenClaw 2026.9.6 accepts for a provider. */
const MODEL_APIS = [
  "openai-completions",
  "openai-responses",
  "openai-chatgpt-responses",
  "anthropic-messages",
  "google-generative-ai",
  "google-vertex",
  "github-copilot",
  "bedrock-converse-stream",
  "ollama",
  "pi-messages",
  "azure-openai-responses",
] as const;
const AUTH_MODES = ["api-key", "aws-sdk", "oauth", "token"] as const;
const provider = looseObject(
  {
    // Any string: OpenClaw checks no URL syntax (a `<AWS_REGION>` placeholder in it is valid config).
    baseUrl: v.optional(v.string("expected a URL such as https://bedrock-runtime.us-east-1.amazonaws.com")),
    api: v.optional(v.picklist(MODEL_APIS, `expected one of ${MODEL_APIS.join(", ")}`)),
    auth: v.optional(v.picklist(AUTH_MODES, `expected one of ${AUTH_MODES.join(", ")}`)),
    models: v.optional(v.array(modelEntry, "expected a list of models")),
  },
  "expected a provider object",
);

// A model reference or an alias (OpenClaw accepts any string here), or exactly { primary, fallbacks }.
const agentModel = v.union(
  [
    v.string(),
    objectOnly(v.strictObject({ primary: v.optional(v.string()), fallbacks: v.optional(v.array(v.string())) }), "expected an object"),
  ],
  "expected a model reference such as amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0, or { primary, fallbacks }",
);

const anObject = <T extends v.ObjectEntries>(entries: T) => looseObject(entries, "expected an object");

export const configSchema = looseObject(
  {
    models: v.optional(anObject({ bedrockDiscovery: v.optional(discoverySchema), providers: v.optional(recordOf(provider, "expected an object of providers")) })),
    agents: v.optional(anObject({ defaults: v.optional(anObject({ model: v.optional(agentModel) })) })),
    plugins: v.optional(
      anObject({
        entries: v.optional(
          anObject({
            "amazon-bedrock": v.optional(
              anObject({
                config: v.optional(
                  anObject({
                    discovery: v.optional(discoverySchema),
                    endpoints: v.optional(endpointsSchema),
                    guardrail: v.optional(guardrailSchema),
                    serviceTier: v.optional(serviceTierSchema),
                    performanceConfig: v.optional(performanceConfigSchema),
                  }),
                ),
              }),
            ),
          }),
        ),
      }),
    ),
  },
  "the config must be an object",
);

export interface ConfigIssue {
  path: PathSegment[];
  message: string;
  /** A concrete correction, when one is known (the closest valid key). */
  fix?: string;
}

/** Validates the whole config; every problem is reported with the path it belongs to. */
export function findConfigIssues(config: unknown): ConfigIssue[] {
  // One message per field: a pipe stops at its first failing check.
  const result = v.safeParse(configSchema, config, { abortPipeEarly: true });
  const issues: ConfigIssue[] = modelParamIssues(config);
  if (result.success) return issues;
  for (const issue of result.issues) {
    const path = (issue.path ?? []).map((item) => item.key as PathSegment);
    if (issue.type === "never" && issue.message === UNKNOWN_KEY) {
      const key = String(path[path.length - 1]);
      const valid = validKeysAt(path.slice(0, -1));
      const suggestion = closestMatch(key, valid);
      const hint = suggestion ? `did you mean ${suggestion}?` : `valid keys: ${valid.join(", ")}`;
      const fix = suggestion ? `use ${formatConfigPath([...path.slice(0, -1), suggestion])}` : undefined;
      issues.push({ path, message: `unknown key "${key}": ${hint}`, fix });
    } else if (issue.message === GUARDRAIL_INCOMPLETE) {
      issues.push({ path, message: issue.message, fix: `set the whole object: ${cmd(`config set ${formatConfigPath(path)} '{guardrailIdentifier:"<id>",guardrailVersion:"DRAFT"}'`)}` });
    } else if (issue.message === MODEL_NAME_NEEDED) {
      const entry = formatConfigPath(path.slice(0, -1));
      issues.push({ path, message: issue.message, fix: `write the entry whole, with its name: ${cmd(`config set '${entry}' '{id:"<id>",name:"<display name>"}'`)}` });
    } else {
      issues.push({ path, message: issue.message });
    }
  }
  return issues;
}

/** The keys a strict object at `parent` takes: a price list, a price tier, or else the discovery options. */
function validKeysAt(parent: readonly PathSegment[]): readonly string[] {
  if (parent[parent.length - 1] === "cost") return COST_KEYS;
  if (parent[parent.length - 1] === "guardrail") return Object.keys(GUARDRAIL_FIELDS);
  if (parent[parent.length - 1] === "performanceConfig") return ["latency"];
  if (parent[parent.length - 2] === "tieredPricing") return TIER_KEYS;
  if (parent[parent.length - 1] === "endpoints") return ENDPOINT_FIELDS;
  return DISCOVERY_FIELDS;
}

export type { FieldKind };

/** The declared kind of a leaf this tool owns, used to read `anthropic,amazon` as a list. */
export function fieldKindAt(path: readonly PathSegment[]): FieldKind | undefined {
  const discoveryField = discoveryFieldOf(path);
  if (discoveryField) return discoveryFieldKind(discoveryField);
  if (requestLeafAt(path)) return "string";
  const [a, b, c, d] = path;
  if (path.length === PLUGIN_ENDPOINTS_PATH.length + 1 && PLUGIN_ENDPOINTS_PATH.every((segment, i) => path[i] === segment)) return "string";
  if (a === "agents" && b === "defaults" && c === "model") {
    if (path.length === 3 || (path.length === 4 && d === "primary")) return "string";
    if (path.length === 4 && d === "fallbacks") return "string[]";
  }
  if (a === "models" && b === "providers" && path.length === 4 && (d === "baseUrl" || d === "api" || d === "auth")) return "string";
  if (a === "models" && b === "providers" && path.length === 7 && path[4] === "models" && typeof path[5] === "number") {
    const leaf = path[6];
    if (leaf === "id" || leaf === "name") return "string";
    if (leaf === "input") return "string[]";
    if (leaf === "reasoning") return "boolean";
    if (leaf === "contextWindow" || leaf === "maxTokens") return "number";
  }
  return undefined;
}

/** The discovery option a path names, in either place OpenClaw reads them. */
function discoveryFieldOf(path: readonly PathSegment[]): DiscoveryField | undefined {
  const under = (prefix: readonly string[]) => path.length === prefix.length + 1 && prefix.every((segment, i) => path[i] === segment);
  if (!under(MODELS_DISCOVERY_PATH) && !under(PLUGIN_DISCOVERY_PATH)) return undefined;
  const field = path[path.length - 1];
  return typeof field === "string" && Object.hasOwn(DISCOVERY_OPTIONS, field) ? (field as DiscoveryField) : undefined;
}

/**
 * The per-model request settings OpenClaw passes through to the plugin unchecked (its schema takes any `params`):
 * `serviceTier` and `performanceConfig.latency` in `params` of an amazon-bedrock model, under
 * `agents.defaults.models["amazon-bedrock/<id>"]`, `models.providers["amazon-bedrock"]` or its `models[]`.
 */
function modelParamIssues(config: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const objectAt = (value: unknown) => (isPlainObject(value) ? value : undefined);
  const check = (params: unknown, at: PathSegment[]) => {
    const p = objectAt(params);
    if (!p) return;
    const leaf = (value: unknown, spec: RequestLeafSpec, where: PathSegment[]) => {
      if (value !== undefined && !leafValueUsable(spec, value)) issues.push({ path: where, message: "pattern" in spec ? `expected ${spec.example}` : `expected one of ${spec.values.join(", ")}` });
    };
    leaf(p.serviceTier, SERVICE_TIER_SPEC, [...at, "serviceTier"]);
    const performance = p.performanceConfig;
    if (performance !== undefined && !objectAt(performance)) issues.push({ path: [...at, "performanceConfig"], message: "expected { latency: standard | optimized }" });
    else leaf(objectAt(performance)?.latency, LATENCY_SPEC, [...at, "performanceConfig", "latency"]);
  };
  const root = objectAt(config);
  const agentModels = objectAt(objectAt(objectAt(root?.agents)?.defaults)?.models);
  for (const [key, entry] of Object.entries(agentModels ?? {})) {
    if (key.startsWith("amazon-bedrock/")) check(objectAt(entry)?.params, ["agents", "defaults", "models", key, "params"]);
  }
  const bedrockProvider = objectAt(objectAt(objectAt(root?.models)?.providers)?.["amazon-bedrock"]);
  check(bedrockProvider?.params, ["models", "providers", "amazon-bedrock", "params"]);
  const providerModels = bedrockProvider?.models;
  if (Array.isArray(providerModels)) providerModels.forEach((entry, i) => check(objectAt(entry)?.params, ["models", "providers", "amazon-bedrock", "models", i, "params"]));
  return issues;
}
