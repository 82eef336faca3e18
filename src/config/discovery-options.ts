// The Bedrock discovery options, read from both places OpenClaw keeps them; models.bedrockDiscovery wins field by field.
import { getAtPath } from "./lookup.js";
import { substituteEnvRefs } from "./env-refs.js";
import { DISCOVERY_FIELDS, discoveryValueUsable, MODELS_DISCOVERY_PATH, PLUGIN_DISCOVERY_PATH, type DiscoveryOptions } from "./discovery-fields.js";

export interface ResolvedDiscoveryOptions {
  options: DiscoveryOptions;
}

function objectAt(config: unknown, path: readonly string[]): Record<string, unknown> {
  const { found, value } = getAtPath(config, path);
  return found && value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Values are taken after `${VAR}` substitution; an invalid field is dropped here (config validate reports it). */
export function readDiscoveryOptions(config: unknown, env: NodeJS.ProcessEnv): ResolvedDiscoveryOptions {
  const substituted = substituteEnvRefs(config, env).value;
  const primary = objectAt(substituted, MODELS_DISCOVERY_PATH);
  const plugin = objectAt(substituted, PLUGIN_DISCOVERY_PATH);
  const options: Record<string, unknown> = {};
  for (const field of DISCOVERY_FIELDS) {
    const a = primary[field];
    const b = plugin[field];
    const value = a !== undefined ? a : b;
    if (value !== undefined && discoveryValueUsable(field, value)) options[field] = value;
  }
  return { options: options as DiscoveryOptions };
}
