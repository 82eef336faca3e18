// The discovery options, defined once: their names, kinds, bounds and descriptions. The validator
// (schema.ts), the lenient reader (discovery-options.ts), `config set`'s reading of a value and the JSON Schema
// in openclaw.plugin.json (which OpenClaw's own `config set` checks; test/unit/discovery-schema.test.ts holds
// it equal to discoveryJsonSchema()) all come from this table. No validator is loaded to read it.
import { REGION_PATTERN } from "./region-pattern.js";

/** Where OpenClaw reads discovery options; the first wins, field by field. */
export const MODELS_DISCOVERY_PATH = ["models", "bedrockDiscovery"] as const;
/** Where the plugin's config lives (OpenClaw hands the plugin this object as its config); each option is a key of it. */
export const PLUGIN_CONFIG_PATH = ["plugins", "entries", "amazon-bedrock", "config"] as const;
export const PLUGIN_DISCOVERY_PATH = [...PLUGIN_CONFIG_PATH, "discovery"] as const;

/** The kind of value a leaf this tool owns takes: how `config set` reads the command-line value. */
export type FieldKind = "string" | "string[]" | "number" | "boolean";

/** One discovery option: a whole number has a minimum and a unit (what its messages call it). */
export type DiscoveryOptionSpec =
  | { kind: "boolean"; description: string }
  | { kind: "string"; pattern?: RegExp; description: string }
  | { kind: "string[]"; description: string }
  | { kind: "integer"; minimum: number; unit: "seconds" | "tokens"; description: string };

export const DISCOVERY_OPTIONS = {
  enabled: { kind: "boolean", description: "true: always discover; false: never; unset: when AWS credentials are found." },
  region: { kind: "string", pattern: REGION_PATTERN, description: "AWS region code such as us-east-1 (default: the AWS SDK's region chain)." },
  providerFilter: { kind: "string[]", description: 'Only these model providers, such as ["anthropic", "amazon"].' },
  refreshInterval: { kind: "integer", minimum: 0, unit: "seconds", description: "Seconds a discovery stays cached; 0 turns the cache off (default 3600)." },
  defaultContextWindow: { kind: "integer", minimum: 1, unit: "tokens", description: "Context window for models whose limits are not known." },
  defaultMaxTokens: { kind: "integer", minimum: 1, unit: "tokens", description: "Max output tokens for models whose limits are not known." },
  includeInferenceProfiles: { kind: "boolean", description: "List inference profiles (us.…, global.…, application profiles); default true." },
} as const satisfies Record<string, DiscoveryOptionSpec>;

export type DiscoveryField = keyof typeof DISCOVERY_OPTIONS;
export const DISCOVERY_FIELDS = Object.keys(DISCOVERY_OPTIONS) as DiscoveryField[];

/** How `config set` reads a value given for the option on the command line. */
export function discoveryFieldKind(field: DiscoveryField): FieldKind {
  const { kind } = DISCOVERY_OPTIONS[field];
  return kind === "integer" ? "number" : kind;
}

/** Whether a value read from the file is usable as the option (lenient: an unsubstituted `${VAR}` region is not). */
export function discoveryValueUsable(field: DiscoveryField, value: unknown): boolean {
  const spec: DiscoveryOptionSpec = DISCOVERY_OPTIONS[field];
  switch (spec.kind) {
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string" && !value.includes("${");
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "integer":
      return Number.isInteger(value) && (value as number) >= spec.minimum;
  }
}

/** The JSON Schema of the plugin's `discovery` config, as openclaw.plugin.json declares it to OpenClaw. */
export function discoveryJsonSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of DISCOVERY_FIELDS) {
    const spec: DiscoveryOptionSpec = DISCOVERY_OPTIONS[field];
    const { description } = spec;
    if (spec.kind === "boolean") properties[field] = { type: "boolean", description };
    else if (spec.kind === "string") properties[field] = { type: "string", ...(spec.pattern ? { pattern: spec.pattern.source } : {}), description };
    else if (spec.kind === "string[]") properties[field] = { type: "array", items: { type: "string", minLength: 1 }, description };
    else properties[field] = { type: "integer", minimum: spec.minimum, description };
  }
  return {
    type: "object",
    additionalProperties: false,
    description: "Which Bedrock models OpenClaw lists: the ones this account can invoke in this region.",
    properties,
  };
}

export interface DiscoveryOptions {
  enabled?: boolean;
  region?: string;
  providerFilter?: string[];
  /** Seconds a cached discovery stays fresh; 0 turns the cache off. */
  refreshInterval?: number;
  defaultContextWindow?: number;
  defaultMaxTokens?: number;
  includeInferenceProfiles?: boolean;
}
