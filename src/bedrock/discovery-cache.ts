// The discovery cache on disk: one 0600 file per region, filter, options and credential identity.
import { readFileSync } from "node:fs";
import path from "node:path";
import { writePrivateFile } from "../state/private-files.js";
import { shortDigest } from "../text/digest.js";
import type { DiscoveredModel, LeftOutModel } from "./types.js";
import type { DiscoveryWarning } from "./discovery.js";

export interface CacheEntry {
  version: 1;
  region: string;
  fetchedAt: number;
  models: DiscoveredModel[];
  leftOut: LeftOutModel[];
  warnings?: DiscoveryWarning[];
  /** Not the whole catalog (profiles could not be listed): never written to the cache. */
  partial?: boolean;
}

export interface CacheKeyInputs {
  region: string;
  identityKey: string;
  providerFilter?: string[];
  includeInferenceProfiles: boolean;
  defaultContextWindow?: number;
  defaultMaxTokens?: number;
}

/** Two accounts (or two filters) never share an entry; the key holds no secret, only a digest. */
export function cacheKey(inputs: CacheKeyInputs): string {
  const normalized = {
    v: 1,
    region: inputs.region,
    identity: inputs.identityKey,
    filter: (inputs.providerFilter ?? []).map((f) => f.trim().toLowerCase()).sort(),
    profiles: inputs.includeInferenceProfiles,
    ctx: inputs.defaultContextWindow ?? null,
    max: inputs.defaultMaxTokens ?? null,
  };
  return shortDigest(JSON.stringify(normalized));
}

export function cacheFile(cacheDir: string, key: string): string {
  return path.join(cacheDir, `bedrock-models-${key}.json`);
}

export function readCacheEntry(file: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as CacheEntry;
    if (entry.version !== 1 || !Array.isArray(entry.models) || typeof entry.fetchedAt !== "number") return undefined;
    return entry;
  } catch {
    return undefined; // missing or damaged: treated as no cache
  }
}

export function writeCacheEntry(file: string, entry: CacheEntry): void {
  writePrivateFile(file, JSON.stringify(entry));
}

export function isFresh(entry: CacheEntry, refreshIntervalSeconds: number, now = Date.now()): boolean {
  const age = now - entry.fetchedAt;
  return age >= 0 && age < refreshIntervalSeconds * 1000;
}
