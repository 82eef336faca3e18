// What this tool owns in openclaw.json, validated strictly; every other key passes through untouched.
// zod's classic API (zod/v3, shipped in the zod package): it loads in ≈2 ms where zod 4 takes ≈6 ms.
import { z } from "zod/v3";
import { closestMatch } from "../text/closest-match.js";
import { DISCOVERY_FIELDS } from "./discovery-fields.js";
import { REGION_PATTERN } from "./region-pattern.js";
import { formatConfigPath, type PathSegment } from "./path-syntax.js";

const message = (text: string) => ({ invalid_type_error: text, required_error: text });
const positiveInt = (what: string) => {
  const text = `expected a whole number above 0 (${what})`;
  return z.number(message(text)).int(text).gt(0, text);
};
const bool = z.boolean(message("expected true or false"));
const regionText = "expected an AWS region code such as us-east-1 or eu-central-2";
const secondsText = "expected whole seconds, 0 or more (0 turns the cache off)";

export const discoverySchema = z
  .object(
    {
      enabled: bool.optional(),
      region: z.string(message(regionText)).regex(REGION_PATTERN, regionText).optional(),
      providerFilter: z
        .array(z.string(message("expected provider names")).min(1, "a provider name cannot be empty"), message('expected a list of provider names such as ["anthropic","amazon"]'))
        .optional(),
      refreshInterval: z.number(message(secondsText)).int(secondsText).gte(0, secondsText).optional(),
      defaultContextWindow: positiveInt("tokens").optional(),
      defaultMaxTokens: positiveInt("tokens").optional(),
      includeInferenceProfiles: bool.optional(),
    },
    message("expected an object of discovery options"),
  )
  .strict();

const refText = "expected a provider/model reference such as amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0";
const modelRef = z.string(message(refText)).regex(/^[^/\s]+\/\S+$/, refText);

const modelEntry = z
  .object(
    {
      id: z.string(message("expected the model id as a string")).min(1, "the model id cannot be empty"),
      name: z.string(message("expected a string")).optional(),
      reasoning: bool.optional(),
      input: z.array(z.string(message("expected input kinds such as text, image"))).optional(),
      cost: z.record(z.string(), z.number(message("expected a price per million tokens"))).optional(),
      contextWindow: positiveInt("tokens").optional(),
      maxTokens: positiveInt("tokens").optional(),
    },
    message("expected a model object with an id"),
  )
  .passthrough();

const urlText = "expected a URL such as https://bedrock-runtime.us-east-1.amazonaws.com";
const provider = z
  .object(
    {
      baseUrl: z.string(message(urlText)).url(urlText).optional(),
      api: z.string(message("expected a string such as bedrock-converse-stream")).optional(),
      auth: z.string(message("expected a string such as aws-sdk")).optional(),
      models: z.array(modelEntry, message("expected a list of models")).optional(),
    },
    message("expected a provider object"),
  )
  .passthrough();

const agentModel = z.union(
  [modelRef, z.object({ primary: modelRef.optional(), fallbacks: z.array(modelRef, message("expected a list of provider/model references")).optional() }).passthrough()],
  { errorMap: () => ({ message: "expected a provider/model reference, or { primary, fallbacks }" }) },
);

const anObject = <T extends z.ZodRawShape>(shape: T) => z.object(shape, message("expected an object")).passthrough();

export const configSchema = z
  .object(
    {
      models: anObject({ bedrockDiscovery: discoverySchema.optional(), providers: z.record(z.string(), provider, message("expected an object of providers")).optional() }).optional(),
      agents: anObject({ defaults: anObject({ model: agentModel.optional() }).optional() }).optional(),
      plugins: anObject({
        entries: anObject({ "amazon-bedrock": anObject({ config: anObject({ discovery: discoverySchema.optional() }).optional() }).optional() }).optional(),
      }).optional(),
    },
    message("the config must be an object"),
  )
  .passthrough();

export interface ConfigIssue {
  path: PathSegment[];
  message: string;
  /** A concrete correction, when one is known (the closest valid key). */
  fix?: string;
}

/** Validates the whole config; every problem is reported with the path it belongs to. */
export function findConfigIssues(config: unknown): ConfigIssue[] {
  const result = configSchema.safeParse(config);
  if (result.success) return [];
  const issues: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path as PathSegment[];
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
