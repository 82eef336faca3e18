// Discovers the Bedrock models this host can invoke: options, region, credentials, cache, then the control plane.
import { CONTROL_ENDPOINT_KEY, readControlEndpoint } from "../config/endpoint-fields.js";
import { readDiscoveryOptions } from "../config/discovery-options.js";
import type { DiscoveryOptions } from "../config/discovery-fields.js";
import { resolveCacheDir } from "../config/paths.js";
import { unwrapDiscoveryCall } from "../aws/call-results.js";
import { classifyAwsError, type ClassifiedError } from "./classify-error.js";
import { loadAwsSdk } from "../aws/load-sdk.js";
import type { CredentialDetection } from "../aws/credentials.js";
import { resolveAwsTarget, type AwsTarget } from "../aws/target.js";
import { cacheFile, cacheKey, isFresh, readCacheFile, writeCacheEntry, type CacheEntry } from "./discovery-cache.js";
import { regionProblem } from "../aws/region-fix.js";
import { discoveryKeyFor } from "../config/host-version.js";
import { closestMatch } from "../text/closest-match.js";
import { cmd } from "../text/commands.js";
import { formatAge } from "../text/age.js";
import type { ResolvedRegion } from "../aws/region.js";
import { envTimeoutMs } from "../aws/timeouts.js";
import { readCatalogListing } from "./catalog-listing.js";
import type { DiscoveredModel, DiscoveryWarning, LeftOutModel } from "./types.js";

export type { DiscoveryWarning };

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
  /** How to switch it on, when it is off. */
  enableFix?: string;
  error?: ClassifiedError;
  /** What is listed but not all it should be: a providerFilter that matches nothing, profiles that could not be listed. */
  warnings: DiscoveryWarning[];
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
  const timeoutMs = inputs.timeoutMs ?? envTimeoutMs(inputs.env) ?? DEFAULT_DISCOVERY_TIMEOUT_MS;
  const control = readControlEndpoint(inputs.config, inputs.env);
  const target = resolveAwsTarget({
    env: inputs.env,
    configRegion: options.region,
    endpoints: control ? { bedrock: { url: control, setting: CONTROL_ENDPOINT_KEY } } : undefined,
    timeout: { ms: timeoutMs, setting: "OPENCLAW_BEDROCK_TIMEOUT" },
    imds: { stateDir: inputs.stateDir, fresh: inputs.refresh },
  });
  const { region } = target;
  const base = { region, options, models: [], leftOut: [], warnings: [] };
  // Where `enabled` lives for this host's OpenClaw: asked only when a message needs it (it may read PATH).
  const enabledKey = () => discoveryKeyFor(inputs.config, inputs.env, "enabled");
  if (options.enabled === false) {
    return { ...base, status: "disabled", disabledReason: `${enabledKey()} is false`, enableFix: cmd(`config set ${enabledKey()} true`) };
  }
  const badRegion = regionProblem(region, inputs.config, inputs.env);
  if (badRegion) {
    return { ...base, status: "error", error: { code: "invalid-region", ...badRegion, retryable: false, said: { name: "InvalidRegion", message: region.region } } };
  }

  const detection = await target.detect();
  if (options.enabled === undefined && detection.source.kind === "none") {
    const probe = detection.imds;
    const remembered = probe?.remembered ? ` (the instance-metadata check ${probe.outcome === "timeout" ? "timed out" : "found no instance role"} ${formatAge(Date.now() - probe.checkedAt)} ago; ${cmd("models list --refresh")} checks again)` : "";
    return { ...base, detection, status: "disabled", disabledReason: `no AWS credentials found on this host${remembered}`, enableFix: `configure AWS credentials, or ${cmd(`config set ${enabledKey()} true`)} (${cmd("bedrock doctor")} explains)` };
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
  const read = refreshInterval > 0 ? readCacheFile(file) : {};
  const cached = read.entry;
  // A damaged cache is fetched again, and said once (the fetch rewrites it).
  const damaged: DiscoveryWarning[] = read.damaged
    ? [{ code: "cache-damaged", cause: `the discovery cache ${file} was damaged (${read.damaged}); fetched the models again`, fix: "nothing to do: the cache is rewritten; if it happens again, check the disk" }]
    : [];
  if (cached && !inputs.refresh && isFresh(cached, refreshInterval)) {
    return { ...base, detection, status: "cached", fetchedAt: cached.fetchedAt, models: cached.models, leftOut: cached.leftOut, warnings: cached.warnings ?? [] };
  }

  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchAndSelect(inputs, target, options, includeInferenceProfiles).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  try {
    const entry = await pending;
    // A partial answer (profiles could not be listed) is shown, never remembered as the whole catalog.
    if (refreshInterval > 0 && !entry.partial) {
      try {
        writeCacheEntry(file, entry);
      } catch {
        // An unwritable cache costs the next call a refresh; the listing itself is still right.
      }
    }
    return { ...base, detection, status: "ok", fetchedAt: entry.fetchedAt, models: entry.models, leftOut: entry.leftOut, warnings: [...damaged, ...(entry.warnings ?? [])] };
  } catch (failure) {
    const { operation, error } = unwrapDiscoveryCall(failure);
    const classified = classifyAwsError(error, target.errorContext(operation));
    if (cached) return { ...base, detection, status: "stale", fetchedAt: cached.fetchedAt, models: cached.models, leftOut: cached.leftOut, warnings: cached.warnings ?? [], error: classified };
    return { ...base, detection, status: "error", error: classified, warnings: damaged };
  }
}

async function fetchAndSelect(inputs: DiscoverInputs, target: AwsTarget, options: DiscoveryOptions, includeInferenceProfiles: boolean): Promise<CacheEntry> {
  const { env } = inputs;
  const region = target.region.region;
  const { fetchCatalogSettled } = await loadAwsSdk(() => import("./fetch-catalog.js"));
  const settled = await fetchCatalogSettled(target.client("bedrock"), includeInferenceProfiles);
  if (!settled.foundationModels.ok) throw settled.foundationModels.error;
  const listing = readCatalogListing(settled, options, target.errorContext);
  const selection = listing.selection!;
  const warnings: DiscoveryWarning[] = filterWarnings(selection, inputs.config, env);
  const c = listing.profilesFailed;
  if (c) {
    const hidden = listing.hiddenProfileOnly;
    warnings.push({
      code: "profiles-unavailable",
      cause: `inference profiles could not be listed (${c.cause}): showing on-demand models only${hidden.length ? `; ${hidden.length} models offered only through profiles are hidden: ${hidden.slice(0, 3).join(", ")}${hidden.length > 3 ? ", …" : ""}` : ""}`,
      fix: c.fix,
      hidden,
    });
  }
  return { version: 1, region, fetchedAt: Date.now(), models: selection.models, leftOut: selection.leftOut, warnings, ...(c ? { partial: true } : {}) };
}

/** A providerFilter entry that matches no provider of the account's catalog, with the closest one. */
export function filterWarnings(selection: { providers: string[]; unmatchedFilters: string[] }, config: unknown, env: NodeJS.ProcessEnv): DiscoveryWarning[] {
  return selection.unmatchedFilters.map((filter) => {
    const suggestion = closestMatch(filter.toLowerCase(), selection.providers);
    const key = discoveryKeyFor(config, env, "providerFilter");
    return {
      code: "filter-matches-nothing" as const,
      cause: `providerFilter "${filter}" matches no provider in this account's catalog${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
      fix: suggestion ? cmd(`config set ${key} ${suggestion}`) : `use one of: ${selection.providers.join(", ")} (${cmd(`config set ${key} <provider>`)})`,
    };
  });
}
