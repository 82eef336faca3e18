// Discovers the Bedrock models this host can invoke: options, region, credentials, cache, then the control plane.
import { readDiscoveryOptions } from "../config/discovery-options.js";
import type { DiscoveryOptions } from "../config/discovery-fields.js";
import { resolveCacheDir } from "../config/paths.js";
import { unwrapDiscoveryCall } from "./call-results.js";
import { classifyAwsError, type ClassifiedError } from "./classify-error.js";
import { loadAwsSdk } from "./load-sdk.js";
import { detectCredentialSource, type CredentialDetection } from "./credentials.js";
import { cacheFile, cacheKey, isFresh, readCacheEntry, writeCacheEntry, type CacheEntry } from "./discovery-cache.js";
import { endpointFor } from "./proxy.js";
import { resolveRegion, type ResolvedRegion } from "./region.js";
import { envTimeoutMs } from "./timeouts.js";
import { selectModels } from "./select-models.js";
import type { DiscoveredModel, LeftOutModel } from "./types.js";

export type DiscoveryStatus = "ok" | "cached" | "stale" | "disabled" | "error";

export interface DiscoveryResult {
  status: DiscoveryStatus;
  region: ResolvedRegion;
  detection?: CredentialDetection;
  options: DiscoveryOptions;
  fetchedAt?: number;
  models: DiscoveredModel[];
  leftOut: LeftOutModel[];
  /** Why discovery is off, when it is. */
  disabledReason?: string;
  error?: ClassifiedError;
}

export interface DiscoverInputs {
  config: unknown;
  env: NodeJS.ProcessEnv;
  stateDir: string;
  /** Bypass the cache (and a remembered negative IMDS probe). */
  refresh?: boolean;
  timeoutMs?: number;
}

export const DEFAULT_REFRESH_INTERVAL = 3600;
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 10_000;

const inFlight = new Map<string, Promise<CacheEntry>>();

export async function discoverBedrockModels(inputs: DiscoverInputs): Promise<DiscoveryResult> {
  const { options } = readDiscoveryOptions(inputs.config, inputs.env);
  const region = resolveRegion({ env: inputs.env, configRegion: options.region });
  const base = { region, options, models: [], leftOut: [] };
  if (options.enabled === false) return { ...base, status: "disabled", disabledReason: "models.bedrockDiscovery.enabled is false" };

  const detection = await detectCredentialSource({ env: inputs.env, imds: { stateDir: inputs.stateDir, fresh: inputs.refresh } });
  if (options.enabled === undefined && detection.source.kind === "none") {
    return { ...base, detection, status: "disabled", disabledReason: "no AWS credentials found on this host" };
  }

  const includeInferenceProfiles = options.includeInferenceProfiles ?? true;
  const key = cacheKey({
    region: region.region,
    identityKey: detection.source.identityKey,
    includeInferenceProfiles,
    providerFilter: options.providerFilter,
    defaultContextWindow: options.defaultContextWindow,
    defaultMaxTokens: options.defaultMaxTokens,
  });
  const file = cacheFile(resolveCacheDir(inputs.env), key);
  const refreshInterval = options.refreshInterval ?? DEFAULT_REFRESH_INTERVAL;
  const cached = refreshInterval > 0 ? readCacheEntry(file) : undefined;
  if (cached && !inputs.refresh && isFresh(cached, refreshInterval)) {
    return { ...base, detection, status: "cached", fetchedAt: cached.fetchedAt, models: cached.models, leftOut: cached.leftOut };
  }

  const timeoutMs = inputs.timeoutMs ?? envTimeoutMs(inputs.env) ?? DEFAULT_DISCOVERY_TIMEOUT_MS;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchAndSelect(inputs.env, region.region, detection, options, includeInferenceProfiles, timeoutMs).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  try {
    const entry = await pending;
    if (refreshInterval > 0) {
      try {
        writeCacheEntry(file, entry);
      } catch {
        // An unwritable cache costs the next call a refresh; the listing itself is still right.
      }
    }
    return { ...base, detection, status: "ok", fetchedAt: entry.fetchedAt, models: entry.models, leftOut: entry.leftOut };
  } catch (failure) {
    const { operation, error } = unwrapDiscoveryCall(failure);
    const classified = classifyAwsError(error, {
      operation,
      region: region.region,
      profileName: detection.source.profileName,
      credentialKind: detection.source.kind,
      endpoint: endpointFor("bedrock", region.region, inputs.env),
      timeoutSeconds: Math.round(timeoutMs / 1000),
    });
    if (cached) return { ...base, detection, status: "stale", fetchedAt: cached.fetchedAt, models: cached.models, leftOut: cached.leftOut, error: classified };
    return { ...base, detection, status: "error", error: classified };
  }
}

async function fetchAndSelect(
  env: NodeJS.ProcessEnv,
  region: string,
  detection: CredentialDetection,
  options: DiscoveryOptions,
  includeInferenceProfiles: boolean,
  timeoutMs: number,
): Promise<CacheEntry> {
  const { fetchCatalog } = await loadAwsSdk(() => import("./fetch-catalog.js"));
  const catalog = await fetchCatalog({ region, source: detection.source, env, timeoutMs, endpoint: endpointFor("bedrock", region, env) }, includeInferenceProfiles);
  const selection = selectModels(catalog.foundationModels, catalog.profiles, options);
  return { version: 1, region, fetchedAt: Date.now(), models: selection.models, leftOut: selection.leftOut };
}
