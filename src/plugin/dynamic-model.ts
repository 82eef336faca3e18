// Any Bedrock id OpenClaw is asked to run (model id, inference profile id, application-profile ARN) as a model
// with its limits: from the discovery cache when discovery has seen it, else from the known-models table.
import { readdirSync } from "node:fs";
import path from "node:path";
import { readCacheEntry } from "../bedrock/discovery-cache.js";
import { readProfileBase } from "../bedrock/profile-cache.js";
import { regionOfArn } from "../bedrock/model-id.js";
import { limitsFor, modelFamily } from "../bedrock/model-limits.js";
import { learnedRuleFor, withLearned } from "../bedrock/learned-rules.js";
import { thinkingProfile, type ThinkingProfile } from "../transport/thinking.js";
import type { DiscoveredModel } from "../bedrock/types.js";
import { resolveCacheDir } from "../config/paths.js";
import type { HostModel, ProviderDynamicModelContext } from "./host-types.js";
import { BEDROCK_API, PROVIDER_ID, runtimeBaseUrl } from "../bedrock/ids.js";
import { hostHas } from "../host/release.js";

const ZERO_COST = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

/** Whether this OpenClaw takes rows with video input (read once: the release does not change under a process). */
let videoRows: boolean | undefined;

/** A discovered model as OpenClaw's catalog row: the input kinds its transport sends (text, images, video where the host takes it). */
export function toHostModel(model: Pick<DiscoveredModel, "id" | "name" | "input" | "reasoning" | "contextWindow" | "maxTokens" | "baseModelId">, baseUrl?: string): HostModel {
  videoRows ??= hostHas("video-input");
  const input = model.input.filter((kind): kind is HostModel["input"][number] => kind === "text" || kind === "image" || (kind === "video" && videoRows === true));
  return {
    id: model.id,
    name: model.name,
    api: BEDROCK_API,
    provider: PROVIDER_ID,
    ...(baseUrl ? { baseUrl } : {}),
    reasoning: model.reasoning,
    input: input.length > 0 ? input : ["text"],
    cost: ZERO_COST,
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    // The transport looks up a profile's capabilities (thinking, caching) by the model it routes to.
    ...(model.baseModelId && model.baseModelId !== model.id ? { params: { bedrockBaseModelId: model.baseModelId } } : {}),
    ...thinkingLevels(model.baseModelId ?? model.id),
  };
}

/** xhigh and max where the model's family has those efforts (or budget thinking, where every level means more). */
function thinkingLevels(id: string): Pick<HostModel, "thinkingLevelMap"> {
  const family = modelFamily(id);
  if (family.reasoning === "budget") return { thinkingLevelMap: { xhigh: "xhigh", max: "max" } };
  if (family.reasoning !== "adaptive") return {};
  const efforts = family.efforts ?? [];
  return { thinkingLevelMap: { xhigh: efforts.includes("xhigh") ? "xhigh" : null, max: efforts.includes("max") ? "max" : null } };
}

export function isApplicationProfile(id: string): boolean {
  return regionOfArn(id) !== undefined && id.includes(":application-inference-profile/");
}

export function resolveDynamicModel(ctx: ProviderDynamicModelContext, env: NodeJS.ProcessEnv = process.env, allowDefaults = false): HostModel | undefined {
  const id = ctx.modelId.trim();
  if (ctx.provider !== PROVIDER_ID || id === "") return undefined;
  const arnRegion = regionOfArn(id);
  const baseUrl = ctx.providerConfig?.baseUrl ?? (arnRegion ? runtimeBaseUrl(arnRegion) : undefined);
  const seen = findInDiscoveryCache(id, env);
  if (seen) return toHostModel(seen.model, baseUrl ?? runtimeBaseUrl(seen.region));
  // An application profile resolved earlier (prepare-model.ts), else the id itself.
  const base = arnRegion ? readProfileBase(env, id) : undefined;
  // Not known yet: OpenClaw then calls prepareDynamicModel, which asks Bedrock (and falls back to defaults).
  if (!base && isApplicationProfile(id) && !allowDefaults) return undefined;
  const limits = limitsFor(base ?? id);
  const family = modelFamily(base ?? id);
  const reasoning = limits.reasoning || (family.reasoning !== "none" && family.reasoning !== "always");
  return toHostModel({ id, name: id, input: ["text", ...(family.images ? ["image"] : []), ...(family.video ? ["video"] : [])], reasoning, contextWindow: limits.contextWindow, maxTokens: limits.maxTokens, baseModelId: base }, baseUrl);
}

/** The freshest cached discovery that lists this id, in any region. */
function findInDiscoveryCache(id: string, env: NodeJS.ProcessEnv): { model: DiscoveredModel; region: string } | undefined {
  const dir = resolveCacheDir(env);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith("bedrock-models-") && name.endsWith(".json"));
  } catch {
    return undefined;
  }
  let best: { model: DiscoveredModel; region: string; fetchedAt: number } | undefined;
  for (const name of names) {
    const entry = readCacheEntry(path.join(dir, name));
    const model = entry?.models.find((m) => m.id === id);
    if (entry && model && (!best || entry.fetchedAt > best.fetchedAt)) best = { model, region: entry.region, fetchedAt: entry.fetchedAt };
  }
  return best;
}

/**
 * OpenClaw's thinking-profile hook: the `/think` levels the model takes, from its family (a profile's or an
 * application profile's base model when known) and what the service taught this host.
 */
export function resolveThinkingProfile(ctx: { provider: string; modelId: string }, env: NodeJS.ProcessEnv = process.env): ThinkingProfile | undefined {
  const id = ctx.modelId.trim();
  if (ctx.provider !== PROVIDER_ID || id === "") return undefined;
  // Model and system-profile ids name their model; an application-profile ARN needs the base it was resolved to.
  const base = regionOfArn(id) ? (readProfileBase(env, id) ?? findInDiscoveryCache(id, env)?.model.baseModelId) : undefined;
  const capability = base ?? id;
  const family = modelFamily(capability);
  // A model the tables do not know keeps OpenClaw's own levels: nothing here says better.
  if (family.source === "assumed") return undefined;
  return thinkingProfile(withLearned(family, learnedRuleFor(env, capability)));
}
