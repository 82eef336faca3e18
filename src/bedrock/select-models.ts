// Which discovered Bedrock models can be invoked here by the id shown, and why the others are left out. Pure: no I/O.
import { findKnownModel, findModelFamily, limitsFor } from "./model-limits.js";
import { modelIdFromArn, sanitizeForTerminal, stripGeoPrefix, vendorOf } from "./model-id.js";
import type { DiscoveredModel, FoundationModelSummary, InferenceProfileSummary, LeftOutModel, LeftOutReason } from "./types.js";

export interface SelectOptions {
  providerFilter?: string[];
  defaultContextWindow?: number;
  defaultMaxTokens?: number;
}

export interface Selection {
  models: DiscoveredModel[];
  leftOut: LeftOutModel[];
  /** The providers of the account's catalog, as a providerFilter names them (vendor prefixes: anthropic, amazon, ...). */
  providers: string[];
  /** providerFilter entries that match none of them. */
  unmatchedFilters: string[];
}

/**
 * Lists foundation models that are ACTIVE, stream, take and return TEXT, and run ON_DEMAND; and ACTIVE
 * inference profiles whose base model does the same. A model offered only through profiles is not
 * listed by its bare id (invoking it fails with "on-demand throughput isn't supported"); its profiles are.
 */
export function selectModels(foundationModels: FoundationModelSummary[], profiles: InferenceProfileSummary[], options: SelectOptions = {}): Selection {
  const byId = new Map(foundationModels.map((m) => [m.modelId, m]));
  const models: DiscoveredModel[] = [];
  const leftOut: LeftOutModel[] = [];
  for (const model of foundationModels) {
    if (!matchesFilter(model.modelId, model.providerName, options.providerFilter)) continue;
    const row = foundationRow(model, options);
    const reason = whyNotInvocable(model);
    if (reason) leftOut.push({ ...row, reason });
    else models.push(row);
  }
  for (const profile of profiles) {
    const baseId = profileBaseId(profile);
    const base = baseId ? byId.get(baseId) : undefined;
    if (!matchesFilter(baseId ?? stripGeoPrefix(profile.inferenceProfileId), base?.providerName, options.providerFilter)) continue;
    const row = profileRow(profile, baseId, base, options);
    const reason = whyProfileNotInvocable(profile, baseId, base);
    if (reason) leftOut.push({ ...row, reason });
    else models.push(row);
  }
  const providers = [...new Set(foundationModels.map((m) => vendorOf(m.modelId).toLowerCase()))].sort();
  const unmatchedFilters = (options.providerFilter ?? []).filter((f) => f.trim() !== "" && !foundationModels.some((m) => matchesFilter(m.modelId, m.providerName, [f])));
  return { models: models.sort(compareById), leftOut: leftOut.sort(compareById), providers, unmatchedFilters };
}

function compareById(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function whyNotInvocable(model: FoundationModelSummary): LeftOutReason | undefined {
  const base = whyBaseNotUsable(model);
  if (base) return base;
  const types = model.inferenceTypesSupported ?? [];
  if (types.includes("ON_DEMAND")) return undefined;
  if (types.includes("INFERENCE_PROFILE")) return "profile-only";
  return "provisioned-only";
}

/** What disqualifies a model whichever way it is invoked. */
function whyBaseNotUsable(model: FoundationModelSummary): LeftOutReason | undefined {
  if (model.modelLifecycle?.status !== "ACTIVE") return "legacy";
  if (!(model.outputModalities ?? []).includes("TEXT") || !(model.inputModalities ?? []).includes("TEXT")) return "not-text";
  if (model.responseStreamingSupported !== true) return "no-streaming";
  return undefined;
}

function whyProfileNotInvocable(profile: InferenceProfileSummary, baseId: string | undefined, base: FoundationModelSummary | undefined): LeftOutReason | undefined {
  if (profile.status !== "ACTIVE") return "inactive";
  if (base) return whyBaseNotUsable(base);
  // The base model is not in this region's foundation-model list: trust it only when it is a known text model.
  return baseId && findKnownModel(baseId) ? undefined : "base-unknown";
}

export function profileBaseId(profile: InferenceProfileSummary): string | undefined {
  for (const entry of profile.models ?? []) {
    const id = entry.modelArn ? modelIdFromArn(entry.modelArn) : undefined;
    if (id) return id;
  }
  return undefined;
}

/** Case-insensitive match on the provider name ("Mistral AI") or the id's vendor prefix ("mistral"). */
export function matchesFilter(modelId: string, providerName: string | undefined, filter: string[] | undefined): boolean {
  if (!filter || filter.length === 0) return true;
  const vendor = vendorOf(modelId).toLowerCase();
  const provider = providerName?.toLowerCase();
  return filter.some((f) => {
    const wanted = f.trim().toLowerCase();
    return wanted === vendor || wanted === provider || (provider !== undefined && provider.split(/\s+/)[0] === wanted);
  });
}

function inputKinds(modalities: string[] | undefined): string[] {
  const kinds = new Set<string>();
  for (const m of modalities ?? ["TEXT"]) {
    if (m === "TEXT") kinds.add("text");
    else if (m === "IMAGE") kinds.add("image");
    else if (m === "VIDEO") kinds.add("video");
    else if (m === "SPEECH" || m === "AUDIO") kinds.add("audio");
    else kinds.add(m.toLowerCase());
  }
  return [...kinds];
}

function foundationRow(model: FoundationModelSummary, options: SelectOptions): DiscoveredModel {
  const limits = limitsFor(model.modelId, { contextWindow: options.defaultContextWindow, maxTokens: options.defaultMaxTokens });
  return {
    id: model.modelId,
    name: sanitizeForTerminal(model.modelName ?? model.modelId),
    providerName: sanitizeForTerminal(model.providerName ?? vendorOf(model.modelId)),
    kind: "foundation-model",
    baseModelId: model.modelId,
    input: inputKinds(model.inputModalities),
    contextWindow: limits.contextWindow,
    maxTokens: limits.maxTokens,
    reasoning: limits.reasoning,
    knownLimits: limits.known,
  };
}

function profileRow(profile: InferenceProfileSummary, baseId: string | undefined, base: FoundationModelSummary | undefined, options: SelectOptions): DiscoveredModel {
  const application = profile.type === "APPLICATION";
  const limits = limitsFor(baseId ?? profile.inferenceProfileId, { contextWindow: options.defaultContextWindow, maxTokens: options.defaultMaxTokens });
  const baseName = base?.modelName ?? profile.inferenceProfileName.replace(/^(US|EU|APAC|Global|GLOBAL|JP|AU|CA)\s+/, "");
  return {
    // An application profile is invoked by its ARN; a system-defined one by its id.
    id: application ? profile.inferenceProfileArn : profile.inferenceProfileId,
    name: sanitizeForTerminal(application ? `${profile.inferenceProfileName} (${baseName})` : baseName),
    providerName: sanitizeForTerminal(base?.providerName ?? vendorOf(baseId ?? profile.inferenceProfileId)),
    kind: application ? "application-inference-profile" : "inference-profile",
    baseModelId: baseId,
    // A base model this region does not list has no modalities here: its family says whether it sees images.
    input: base ? inputKinds(base.inputModalities) : findModelFamily(baseId ?? profile.inferenceProfileId)?.images ? ["text", "image"] : ["text"],
    contextWindow: limits.contextWindow,
    maxTokens: limits.maxTokens,
    reasoning: limits.reasoning,
    knownLimits: limits.known,
  };
}
