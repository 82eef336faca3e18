// What a turn's Converse request carries besides the conversation, defined once: the guardrail, the service tier and
// the latency setting, with the values the service takes (AWS API reference: GuardrailStreamConfiguration,
// ServiceTier, PerformanceConfiguration; the SDK's enums). The manifest's JSON Schema (which OpenClaw's own
// `config set` applies; test/unit/request-schema.test.ts holds it equal to requestJsonSchema()), our validator
// (schema.ts), `config set`'s reading of a value and the transport's reader all come from this table.
// The provider-wide settings sit in the plugin config, beside `discovery` (PLUGIN_CONFIG_PATH).
import { PLUGIN_CONFIG_PATH } from "./discovery-fields.js";

/** A guardrail id or its ARN, and its version: DRAFT or a number (AWS API reference, GuardrailConfiguration). */
export const GUARDRAIL_ID_PATTERN = "^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))$";
export const GUARDRAIL_VERSION_PATTERN = "^(([1-9][0-9]{0,7})|(DRAFT))$";

export const STREAM_PROCESSING_MODES = ["sync", "async"] as const;
export const GUARDRAIL_TRACES = ["enabled", "disabled", "enabled_full"] as const;
/** ServiceTierType: `default` is the Standard tier; `reserved` needs a reservation made through AWS. */
export const SERVICE_TIERS = ["priority", "default", "flex", "reserved"] as const;
export const LATENCIES = ["standard", "optimized"] as const;

export type ServiceTierName = (typeof SERVICE_TIERS)[number];
export type Latency = (typeof LATENCIES)[number];

export interface GuardrailSetting {
  guardrailIdentifier: string;
  guardrailVersion: string;
  streamProcessingMode?: (typeof STREAM_PROCESSING_MODES)[number];
  trace?: (typeof GUARDRAIL_TRACES)[number];
}

/** One leaf: a string matching a pattern, or one of a list. `required` leaves must be set with their object. */
export type RequestLeafSpec = { pattern: string; example: string; required: true; description: string } | { values: readonly string[]; required?: false; description: string };

export const GUARDRAIL_FIELDS = {
  guardrailIdentifier: { pattern: GUARDRAIL_ID_PATTERN, example: "gr1a2b3c4d5e or arn:aws:bedrock:us-east-1:111122223333:guardrail/gr1a2b3c4d5e", required: true, description: "The guardrail's id or ARN (Bedrock console → Guardrails)." },
  guardrailVersion: { pattern: GUARDRAIL_VERSION_PATTERN, example: "DRAFT or 1", required: true, description: "DRAFT or a published version number such as 1." },
  streamProcessingMode: { values: STREAM_PROCESSING_MODES, description: "sync (default): each chunk is checked before it is sent; async: sent at once, checked after." },
  trace: { values: GUARDRAIL_TRACES, description: "enabled: an intervention names the policies that matched." },
} as const satisfies Record<string, RequestLeafSpec>;

export const SERVICE_TIER_SPEC: RequestLeafSpec = { values: SERVICE_TIERS, description: "Bedrock service tier for every turn: priority, default (Standard), flex or reserved." };
export const LATENCY_SPEC: RequestLeafSpec = { values: LATENCIES, description: "optimized: the latency-optimized version of the model, where Bedrock offers one." };

function leafJsonSchema(spec: RequestLeafSpec): Record<string, unknown> {
  return "pattern" in spec ? { type: "string", pattern: spec.pattern, description: spec.description } : { type: "string", enum: [...spec.values], description: spec.description };
}

/** The JSON Schema of the plugin's `guardrail`, `serviceTier` and `performanceConfig`, as openclaw.plugin.json declares them. */
export function requestJsonSchema(): Record<string, Record<string, unknown>> {
  const fields = GUARDRAIL_FIELDS as Record<string, RequestLeafSpec>;
  return {
    guardrail: {
      type: "object",
      additionalProperties: false,
      required: Object.keys(fields).filter((key) => fields[key]!.required),
      description: "The Bedrock guardrail every turn goes through (Converse guardrailConfig).",
      properties: Object.fromEntries(Object.entries(fields).map(([key, spec]) => [key, leafJsonSchema(spec)])),
    },
    serviceTier: leafJsonSchema(SERVICE_TIER_SPEC),
    performanceConfig: {
      type: "object",
      additionalProperties: false,
      description: "Converse performanceConfig for every turn.",
      properties: { latency: leafJsonSchema(LATENCY_SPEC) },
    },
  };
}

/** Whether a value fits a leaf (what the lenient reader keeps; the validator words the refusal). */
export function leafValueUsable(spec: RequestLeafSpec, value: unknown): value is string {
  if (typeof value !== "string") return false;
  return "pattern" in spec ? new RegExp(spec.pattern).test(value) : spec.values.includes(value);
}

/** The leaf a path under the plugin config names (`guardrail.trace`, `serviceTier`, `performanceConfig.latency`). */
export function requestLeafAt(path: readonly (string | number)[]): RequestLeafSpec | undefined {
  const under = PLUGIN_CONFIG_PATH.every((segment, i) => path[i] === segment) ? path.slice(PLUGIN_CONFIG_PATH.length) : undefined;
  if (!under) return undefined;
  const [a, b] = under;
  if (under.length === 1 && a === "serviceTier") return SERVICE_TIER_SPEC;
  if (under.length === 2 && a === "performanceConfig" && b === "latency") return LATENCY_SPEC;
  if (under.length === 2 && a === "guardrail" && typeof b === "string" && Object.hasOwn(GUARDRAIL_FIELDS, b)) return GUARDRAIL_FIELDS[b as keyof typeof GUARDRAIL_FIELDS];
  return undefined;
}
