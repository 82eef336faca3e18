// Which model the doctor tests: --model, else the default model when it is a Bedrock one, else the best discovered Claude or Nova.
import { geoForRegion, geoPrefix } from "../bedrock/model-id.js";
import type { DiscoveredModel } from "../bedrock/types.js";
import { BEDROCK_PROVIDER, defaultModelRef } from "../models/model-rows.js";
import { cmd } from "../text/commands.js";

export interface PickedModel {
  id: string;
  source: "--model" | "default model" | "discovered";
}

/** Newer and cheaper-to-test first: a quick Claude, then larger ones, then Nova. */
const PREFERENCE = [
  "anthropic.claude-haiku-4-5",
  "anthropic.claude-sonnet-4-6",
  "anthropic.claude-sonnet-4-5",
  "anthropic.claude-sonnet-4",
  "anthropic.claude-3-5-haiku",
  "anthropic.claude-3-haiku",
  "anthropic.claude",
  "amazon.nova-2-lite",
  "amazon.nova-lite",
  "amazon.nova-micro",
  "amazon.nova-pro",
  "amazon.nova",
];

export function explicitModel(flag: string | undefined, config: Record<string, unknown>, env: NodeJS.ProcessEnv): PickedModel | undefined {
  if (flag && flag.trim() !== "") return { id: stripProvider(flag.trim()), source: "--model" };
  const ref = defaultModelRef(config, env);
  if (ref?.startsWith(`${BEDROCK_PROVIDER}/`)) return { id: ref.slice(BEDROCK_PROVIDER.length + 1), source: "default model" };
  return undefined;
}

export function bestDiscoveredModel(models: DiscoveredModel[], region: string): PickedModel | undefined {
  const geo = geoForRegion(region);
  const rank = (m: DiscoveredModel) => {
    const base = m.baseModelId ?? m.id;
    const preference = PREFERENCE.findIndex((p) => base.startsWith(p));
    const prefix = geoPrefix(m.id);
    const geoRank = prefix === geo ? 0 : prefix === "global" ? 1 : prefix === undefined ? 2 : 3;
    return (preference === -1 ? 1000 : preference) * 10 + geoRank;
  };
  let best: { model: DiscoveredModel; rank: number } | undefined;
  for (const model of models) {
    if (model.kind === "application-inference-profile") continue;
    const r = rank(model);
    if (!best || r < best.rank) best = { model, rank: r };
  }
  return best && best.rank < 10_000 ? { id: best.model.id, source: "discovered" } : undefined;
}

function stripProvider(id: string): string {
  return id.startsWith(`${BEDROCK_PROVIDER}/`) ? id.slice(BEDROCK_PROVIDER.length + 1) : id;
}

/**
 * How to switch to `profile`: re-run with it when the model came from --model (the config is not the problem);
 * else set the default model, at `.primary` when the default is an object `{ primary, fallbacks }`, so the
 * fallbacks stay.
 */
export function useProfileFix(picked: PickedModel, profile: string, config: Record<string, unknown>): string {
  if (picked.source === "--model") return `re-run with the inference profile id: ${cmd(`bedrock doctor --model ${profile}`)}`;
  const model = (config.agents as { defaults?: { model?: unknown } } | undefined)?.defaults?.model;
  const at = model && typeof model === "object" && !Array.isArray(model) ? "agents.defaults.model.primary" : "agents.defaults.model";
  return `use ${profile}: ${cmd(`config set ${at} amazon-bedrock/${profile}`)}`;
}
