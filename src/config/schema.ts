// What this tool owns in openclaw.json, validated strictly; every other key passes through untouched.
import * as z from "zod/v4/mini";
import { closestMatch } from "../text/closest-match.js";
import { DISCOVERY_FIELDS } from "./discovery-fields.js";
import { REGION_PATTERN } from "./region-pattern.js";
import { formatConfigPath, type PathSegment } from "./path-syntax.js";


const positiveInt = (what: string) =>
  z.number({ error: `expected a whole number above 0 (${what})` }).check(z.int({ error: `expected a whole number above 0 (${what})` }), z.gt(0, { error: `expected a whole number above 0 (${what})` }));
const bool = z.boolean({ error: "expected true or false" });
const region = z.string({ error: "expected an AWS region code such as us-east-1" }).check(
  z.regex(REGION_PATTERN, { error: "expected an AWS region code such as us-east-1 or eu-central-2" }),
);

export const discoverySchema = z.strictObject(
  {
    enabled: z.optional(bool),
    region: z.optional(region),
    providerFilter: z.optional(z.array(z.string({ error: "expected provider names" }).check(z.minLength(1, { error: "a provider name cannot be empty" })), { error: 'expected a list of provider names such as ["anthropic","amazon"]' })),
    refreshInterval: z.optional(
      z.number({ error: "expected whole seconds, 0 or more (0 turns the cache off)" }).check(
        z.int({ error: "expected whole seconds, 0 or more (0 turns the cache off)" }),
        z.gte(0, { error: "expected whole seconds, 0 or more (0 turns the cache off)" }),
      ),
    ),
    defaultContextWindow: z.optional(positiveInt("tokens")),
    defaultMaxTokens: z.optional(positiveInt("tokens")),
    includeInferenceProfiles: z.optional(bool),
  },
  { error: "expected an object of discovery options" },
);


const modelRef = z.string({ error: "expected a provider/model reference such as amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0" }).check(
  z.regex(/^[^/\s]+\/\S+$/, { error: "expected a provider/model reference such as amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0" }),
);

const modelEntry = z.looseObject(
  {
    id: z.string({ error: "expected the model id as a string" }).check(z.minLength(1, { error: "the model id cannot be empty" })),
    name: z.optional(z.string({ error: "expected a string" })),
    reasoning: z.optional(bool),
    input: z.optional(z.array(z.string({ error: "expected input kinds such as text, image" }))),
    cost: z.optional(z.record(z.string(), z.number({ error: "expected a price per million tokens" }))),
    contextWindow: z.optional(positiveInt("tokens")),
    maxTokens: z.optional(positiveInt("tokens")),
  },
  { error: "expected a model object with an id" },
);

const provider = z.looseObject(
  {
    baseUrl: z.optional(z.url({ error: "expected a URL such as https://bedrock-runtime.us-east-1.amazonaws.com" })),
    api: z.optional(z.string({ error: "expected a string such as bedrock-converse-stream" })),
    auth: z.optional(z.string({ error: "expected a string such as aws-sdk" })),
    models: z.optional(z.array(modelEntry, { error: "expected a list of models" })),
  },
  { error: "expected a provider object" },
);

const agentModel = z.union(
  [modelRef, z.looseObject({ primary: z.optional(modelRef), fallbacks: z.optional(z.array(modelRef, { error: "expected a list of provider/model references" })) })],
  { error: "expected a provider/model reference, or { primary, fallbacks }" },
);

export const configSchema = z.looseObject(
  {
    models: z.optional(
      z.looseObject(
        {
          bedrockDiscovery: z.optional(discoverySchema),
          providers: z.optional(z.record(z.string(), provider, { error: "expected an object of providers" })),
        },
        { error: "expected an object" },
      ),
    ),
    agents: z.optional(z.looseObject({ defaults: z.optional(z.looseObject({ model: z.optional(agentModel) }, { error: "expected an object" })) }, { error: "expected an object" })),
    plugins: z.optional(
      z.looseObject(
        {
          entries: z.optional(
            z.looseObject(
              { "amazon-bedrock": z.optional(z.looseObject({ config: z.optional(z.looseObject({ discovery: z.optional(discoverySchema) }, { error: "expected an object" })) }, { error: "expected an object" })) },
              { error: "expected an object" },
            ),
          ),
        },
        { error: "expected an object" },
      ),
    ),
  },
  { error: "the config must be an object" },
);

export interface ConfigIssue {
  path: PathSegment[];
  message: string;
  /** A concrete correction, when one is known (the closest valid key). */
  fix?: string;
}

/** Validates the whole config; every problem is reported with the path it belongs to. */
export function findConfigIssues(config: unknown): ConfigIssue[] {
  const result = z.safeParse(configSchema, config);
  if (result.success) return [];
  const issues: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const suggestion = closestMatch(key, DISCOVERY_FIELDS);
        const hint = suggestion ? `did you mean ${suggestion}?` : `valid keys: ${DISCOVERY_FIELDS.join(", ")}`;
        const fix = suggestion ? `use ${formatConfigPath([...path, suggestion])}` : undefined;
        issues.push({ path: [...path, key], message: `unknown key "${key}": ${hint}`, fix });
      }
    } else {
      issues.push({ path, message: issue.message });
    }
  }
  return issues;
}

export type FieldKind = "string" | "string[]" | "number" | "boolean";

/** The declared kind of a leaf this tool owns, used to read `anthropic,amazon` as a list. */
export function fieldKindAt(path: readonly PathSegment[]): FieldKind | undefined {
  const discoveryField = discoveryFieldOf(path);
  if (discoveryField) {
    if (discoveryField === "providerFilter") return "string[]";
    if (discoveryField === "region") return "string";
    if (discoveryField === "enabled" || discoveryField === "includeInferenceProfiles") return "boolean";
    return "number";
  }
  const [a, b, c, d] = path;
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

function discoveryFieldOf(path: readonly PathSegment[]): string | undefined {
  const isModels = path.length === 3 && path[0] === "models" && path[1] === "bedrockDiscovery";
  const isPlugin =
    path.length === 6 && path[0] === "plugins" && path[1] === "entries" && path[2] === "amazon-bedrock" && path[3] === "config" && path[4] === "discovery";
  if (!isModels && !isPlugin) return undefined;
  const field = path[path.length - 1];
  return typeof field === "string" && (DISCOVERY_FIELDS as readonly string[]).includes(field) ? field : undefined;
}
