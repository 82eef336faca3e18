// The guardrail, service tier and latency a turn is sent with, read fresh from the config OpenClaw hands this turn
// (so a change applies on the next turn), and put into the Converse request as the service takes them. Pure.
// Per model wins over the provider: the model's `params`, which OpenClaw 2026.9.6 merges onto the model it hands the
// transport (models.providers["amazon-bedrock"].params, agents.defaults.models["amazon-bedrock/<id>"].params, the
// model entry's params; its prepared-model runtime, mergeConfiguredRuntimeModelParams), then the plugin config.
import { getAtPath } from "../config/lookup.js";
import { substituteEnvRefs } from "../config/env-refs.js";
import { PLUGIN_CONFIG_PATH } from "../config/discovery-fields.js";
import { GUARDRAIL_FIELDS, LATENCY_SPEC, leafValueUsable, SERVICE_TIER_SPEC, type GuardrailSetting, type Latency, type RequestLeafSpec, type ServiceTierName } from "../config/request-fields.js";
import { RequestError } from "./converse-history.js";
import type { ConverseRequest, Model } from "./types.js";

export interface TurnSettings {
  guardrail?: GuardrailSetting;
  serviceTier?: ServiceTierName;
  latency?: Latency;
}

const record = (value: unknown): Record<string, unknown> | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

/** The settings for this turn; a value the service would refuse is a RequestError naming where it came from. */
export function readTurnSettings(config: unknown, model: Pick<Model, "id" | "params">, env: NodeJS.ProcessEnv = process.env): TurnSettings {
  const found = getAtPath(config, PLUGIN_CONFIG_PATH);
  const plugin = record(found.found ? substituteEnvRefs(found.value, env).value : undefined) ?? {};
  const pluginKey = `plugins.entries.amazon-bedrock.config`;
  const ref = `amazon-bedrock/${model.id}`;
  const sources: [Record<string, unknown> | undefined, string][] = [
    [record(model.params), `the params of ${ref}`],
    [plugin, pluginKey],
  ];
  const settings: TurnSettings = {};
  const tier = firstSet(sources, (s) => s.serviceTier, "serviceTier", SERVICE_TIER_SPEC);
  if (tier) settings.serviceTier = tier as ServiceTierName;
  const latency = firstSet(sources, (s) => record(s.performanceConfig)?.latency, "performanceConfig.latency", LATENCY_SPEC);
  if (latency) settings.latency = latency as Latency;
  const guardrail = record(plugin.guardrail);
  if (guardrail) settings.guardrail = readGuardrail(guardrail, `${pluginKey}.guardrail`);
  return settings;
}

function firstSet(sources: [Record<string, unknown> | undefined, string][], pick: (source: Record<string, unknown>) => unknown, key: string, spec: RequestLeafSpec): string | undefined {
  for (const [source, where] of sources) {
    const value = source ? pick(source) : undefined;
    if (value === undefined) continue;
    if (!leafValueUsable(spec, value)) throw new RequestError(`${key} ${JSON.stringify(value)} in ${where} is not what Bedrock takes: ${describe(spec)}`);
    return value;
  }
  return undefined;
}

function readGuardrail(guardrail: Record<string, unknown>, where: string): GuardrailSetting {
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(GUARDRAIL_FIELDS) as [string, RequestLeafSpec][]) {
    const value = guardrail[key];
    if (value === undefined) {
      if (spec.required) throw new RequestError(`${where} has no ${key}: a guardrail needs guardrailIdentifier and guardrailVersion together`);
      continue;
    }
    if (!leafValueUsable(spec, value)) throw new RequestError(`${where}.${key} ${JSON.stringify(value)} is not what Bedrock takes: ${describe(spec)}`);
    out[key] = value;
  }
  return out as unknown as GuardrailSetting;
}

const describe = (spec: RequestLeafSpec) => ("pattern" in spec ? `expected ${spec.example}` : `expected one of ${spec.values.join(", ")}`);

/** The settings as the Converse request carries them (ConverseStream's guardrailConfig, serviceTier, performanceConfig). */
export function applyTurnSettings(request: ConverseRequest, settings: TurnSettings): void {
  if (settings.guardrail) request.guardrailConfig = { ...settings.guardrail };
  if (settings.serviceTier) request.serviceTier = { type: settings.serviceTier };
  if (settings.latency) request.performanceConfig = { latency: settings.latency };
}
