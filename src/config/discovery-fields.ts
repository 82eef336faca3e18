// The discovery option names and types, apart from the schema so that reading them loads no validator.

export const DISCOVERY_FIELDS = [
  "enabled",
  "region",
  "providerFilter",
  "refreshInterval",
  "defaultContextWindow",
  "defaultMaxTokens",
  "includeInferenceProfiles",
] as const;

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
