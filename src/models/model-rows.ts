// One row per model for `models list`: configured providers' models merged with discovered Bedrock models. Pure.
import { substituteEnvRefs } from "../config/env-refs.js";
import { geoForRegion, geoPrefix, sanitizeForTerminal } from "../bedrock/model-id.js";
import { findModelFamily } from "../bedrock/model-limits.js";
import type { DiscoveredModel, LeftOutModel, ModelKind } from "../bedrock/types.js";

export const BEDROCK_PROVIDER = "amazon-bedrock";

export interface ModelRow {
  key: string;
  provider: string;
  id: string;
  name: string;
  /** OpenClaw's form: text+image. */
  input: string;
  contextWindow: number | null;
  maxTokens: number | null;
  reasoning: boolean;
  kind: ModelKind | null;
  baseModelId: string | null;
  source: "configured" | "discovered";
  tags: string[];
  local: boolean;
  auth: string;
  /** Fields that are safe defaults because this tool's tables do not know the model (discovered rows). */
  assumed: string[];
  /** Why Bedrock won't invoke this row's id as written (`--all` rows only): profile-only, legacy, ... */
  leftOutReason?: string;
}

interface ConfiguredModel {
  id?: unknown;
  name?: unknown;
  input?: unknown;
  contextWindow?: unknown;
  maxTokens?: unknown;
  reasoning?: unknown;
}

export interface RowInputs {
  config: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
  discovered: DiscoveredModel[];
  leftOut: LeftOutModel[];
  /** Whether discovery produced a list to compare configured Bedrock models against. */
  discoveryListed: boolean;
  includeLeftOut: boolean;
  bedrockAuth: string;
}

export function defaultModelRef(config: Record<string, unknown>, env: NodeJS.ProcessEnv): string | undefined {
  const agents = substituteEnvRefs(config.agents, env).value as { defaults?: { model?: unknown } } | undefined;
  const model = agents?.defaults?.model;
  if (typeof model === "string") return model;
  if (model && typeof model === "object" && typeof (model as { primary?: unknown }).primary === "string") return (model as { primary: string }).primary;
  return undefined;
}

export function kindOfBedrockId(id: string): ModelKind {
  if (id.includes(":application-inference-profile/")) return "application-inference-profile";
  if (geoPrefix(id) || id.includes(":inference-profile/")) return "inference-profile";
  return "foundation-model";
}

/** Every provider the config names: its providers, and the provider of each model it refers to. */
export function configuredProviders(config: Record<string, unknown>, env: NodeJS.ProcessEnv): string[] {
  const providers = new Set(Object.keys((config.models as { providers?: Record<string, unknown> } | undefined)?.providers ?? {}));
  const ref = defaultModelRef(config, env);
  if (ref && ref.indexOf("/") > 0) providers.add(ref.slice(0, ref.indexOf("/")));
  return [...providers];
}

export function buildModelRows(inputs: RowInputs): ModelRow[] {
  const { config, env } = inputs;
  const providers = (config.models as { providers?: Record<string, { models?: ConfiguredModel[]; baseUrl?: unknown; auth?: unknown; apiKey?: unknown }> } | undefined)?.providers ?? {};
  const discoveredById = new Map(inputs.discovered.map((m) => [m.id, m]));
  const rows: ModelRow[] = [];
  const seen = new Set<string>();

  for (const [provider, settings] of Object.entries(providers)) {
    if (!settings || typeof settings !== "object") continue;
    const local = isLocalUrl(settings.baseUrl);
    const auth = provider === BEDROCK_PROVIDER ? inputs.bedrockAuth : authLabel(settings.auth, settings.apiKey);
    for (const raw of Array.isArray(settings.models) ? settings.models : []) {
      const model = substituteEnvRefs(raw, env).value as ConfiguredModel;
      if (!model || typeof model.id !== "string" || model.id === "") continue;
      const found = provider === BEDROCK_PROVIDER ? discoveredById.get(model.id) : undefined;
      const tags = ["configured"];
      if (found) tags.push("discovered");
      if (provider === BEDROCK_PROVIDER && !found && inputs.discoveryListed) tags.push("missing");
      const row: ModelRow = {
        ...(found ? fromDiscovered(found, inputs.bedrockAuth) : emptyRow(provider, model.id, local, auth)),
        source: "configured",
        tags,
      };
      // Explicit entries override discovered ones field by field.
      if (typeof model.name === "string") row.name = sanitizeForTerminal(model.name);
      if (Array.isArray(model.input)) row.input = model.input.filter((i) => typeof i === "string").join("+");
      if (typeof model.contextWindow === "number") row.contextWindow = model.contextWindow;
      if (typeof model.maxTokens === "number") row.maxTokens = model.maxTokens;
      if (typeof model.reasoning === "boolean") row.reasoning = model.reasoning;
      if (provider === BEDROCK_PROVIDER && !found) row.kind = kindOfBedrockId(model.id);
      rows.push(row);
      seen.add(row.key);
    }
  }
  for (const model of inputs.discovered) {
    const row = fromDiscovered(model, inputs.bedrockAuth);
    row.tags = inputs.includeLeftOut && row.assumed.length > 0 ? ["discovered", "defaults"] : ["discovered"];
    if (!seen.has(row.key)) rows.push(row);
    seen.add(row.key);
  }
  if (inputs.includeLeftOut) {
    for (const model of inputs.leftOut) {
      const base = fromDiscovered(model, inputs.bedrockAuth);
      const row = { ...base, tags: ["discovered", model.reason, ...(base.assumed.length > 0 ? ["defaults"] : [])], leftOutReason: model.reason };
      if (!seen.has(row.key)) rows.push(row);
      seen.add(row.key);
    }
  }
  markDefault(rows, defaultModelRef(config, env), inputs);
  for (const row of rows) if (row.kind === "inference-profile" || row.kind === "application-inference-profile") row.tags.push("profile");
  return rows;
}

function markDefault(rows: ModelRow[], ref: string | undefined, inputs: RowInputs): void {
  if (!ref) return;
  const row = rows.find((r) => r.key === ref);
  if (row) {
    row.tags.unshift("default");
    return;
  }
  const slash = ref.indexOf("/");
  if (slash <= 0) return;
  const provider = ref.slice(0, slash);
  const id = ref.slice(slash + 1);
  const missing = provider === BEDROCK_PROVIDER && inputs.discoveryListed;
  rows.unshift({ ...emptyRow(provider, id, false, provider === BEDROCK_PROVIDER ? inputs.bedrockAuth : "-"), kind: provider === BEDROCK_PROVIDER ? kindOfBedrockId(id) : null, tags: missing ? ["default", "missing"] : ["default"] });
}

function fromDiscovered(model: DiscoveredModel, auth: string): ModelRow {
  return {
    key: `${BEDROCK_PROVIDER}/${model.id}`,
    provider: BEDROCK_PROVIDER,
    id: model.id,
    name: model.name,
    input: model.input.join("+"),
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    reasoning: model.reasoning,
    kind: model.kind,
    baseModelId: model.baseModelId ?? null,
    source: "discovered",
    tags: [],
    local: false,
    auth,
    assumed: assumedFields(model),
  };
}

/** What a discovered model's row holds by assumption: limits not in known-models, capabilities not in model-families. */
function assumedFields(model: DiscoveredModel): string[] {
  const base = model.baseModelId ?? model.id;
  return [...(model.knownLimits ? [] : ["contextWindow", "maxTokens"]), ...(findModelFamily(base) ? [] : ["reasoningStyle", "promptCaching"])];
}

function emptyRow(provider: string, id: string, local: boolean, auth: string): ModelRow {
  return {
    key: `${provider}/${id}`,
    provider,
    id,
    name: sanitizeForTerminal(id),
    input: "text",
    contextWindow: null,
    maxTokens: null,
    reasoning: false,
    kind: null,
    baseModelId: null,
    source: "configured",
    tags: [],
    local,
    auth,
    assumed: [],
  };
}

function isLocalUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const host = new URL(value).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || host.startsWith("127.") || host.endsWith(".local");
  } catch {
    return false;
  }
}

function authLabel(auth: unknown, apiKey: unknown): string {
  if (typeof auth === "string" && auth !== "") return auth;
  if (apiKey !== undefined && apiKey !== "") return "api-key";
  return "-";
}

/** For a configured bare id that is profile-only here: the profile id to use instead, nearest geography first. */
/** Why a model id is not among the listed ones: offered only through a profile (and which), left out, or not offered. */
export type Unlisted = { why: "profile-only"; profile?: string } | { why: "left-out"; reason: LeftOutModel["reason"] } | { why: "not-offered" };

export function whyUnlisted(id: string, selection: { models: DiscoveredModel[]; leftOut: LeftOutModel[] }, region: string): Unlisted {
  const leftOut = selection.leftOut.find((m) => m.id === id);
  if (leftOut?.reason === "profile-only") return { why: "profile-only", profile: suggestProfileId(id, region, selection.models) };
  if (leftOut) return { why: "left-out", reason: leftOut.reason };
  return { why: "not-offered" };
}

export function suggestProfileId(baseModelId: string, region: string, discovered: DiscoveredModel[]): string | undefined {
  const profiles = discovered.filter((m) => m.kind === "inference-profile" && m.baseModelId === baseModelId);
  const geo = geoForRegion(region);
  return (profiles.find((p) => geoPrefix(p.id) === geo) ?? profiles.find((p) => geoPrefix(p.id) === "global") ?? profiles[0])?.id;
}
