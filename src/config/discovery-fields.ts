// The discovery option names and types, apart from the schema so that reading them loads no validator.

/** Where OpenClaw reads discovery options; the first wins, field by field. */
export const MODELS_DISCOVERY_PATH = ["models", "bedrockDiscovery"] as const;
export const PLUGIN_DISCOVERY_PATH = ["plugins", "entries", "amazon-bedrock", "config", "discovery"] as const;

/** The kind of value a leaf this tool owns takes: how `config set` reads the command-line value. */
export type FieldKind = "string" | "string[]" | "number" | "boolean";

export const DISCOVERY_FIELD_KINDS = {
  enabled: "boolean",
  region: "string",
  providerFilter: "string[]",
  refreshInterval: "number",
  defaultContextWindow: "number",
  defaultMaxTokens: "number",
  includeInferenceProfiles: "boolean",
} as const satisfies Record<string, FieldKind>;

export type DiscoveryField = keyof typeof DISCOVERY_FIELD_KINDS;
export const DISCOVERY_FIELDS = Object.keys(DISCOVERY_FIELD_KINDS) as DiscoveryField[];

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
