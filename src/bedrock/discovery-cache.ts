// The discovery cache on disk: one 0600 file per region, filter, options and credential identity.
import { readFileSync } from "node:fs";
import path from "node:path";
import { writePrivateFile } from "../state/private-files.js";
import { shortDigest } from "../text/digest.js";
import type { DiscoveredModel, DiscoveryWarning, LeftOutModel } from "./types.js";

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

/** A cache entry that is there and whole; a missing or damaged one is treated as no cache. */
export function readCacheEntry(file: string): CacheEntry | undefined {
  return readCacheFile(file).entry;
}

/** The entry, or why the file is no usable entry (`damaged`, unset when the file is simply missing). */
export function readCacheFile(file: string): { entry?: CacheEntry; damaged?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    return { damaged: error instanceof SyntaxError ? "not JSON" : "unreadable" };
  }
  const problem = entryProblem(parsed);
  return problem ? { damaged: problem } : { entry: parsed as CacheEntry };
}

const KINDS = new Set(["foundation-model", "inference-profile", "application-inference-profile"]);
const isString = (v: unknown): v is string => typeof v === "string";
const isCount = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v > 0;

/** What is wrong with a parsed cache file, or undefined when every entry has the shape the code relies on. */
function entryProblem(value: unknown): string | undefined {
  if (!value || typeof value !== "object") return "not an object";
  const e = value as Record<string, unknown>;
  if (e.version !== 1) return "an unknown version";
  if (!isString(e.region) || typeof e.fetchedAt !== "number" || !Number.isFinite(e.fetchedAt)) return "no region or time";
  if (!Array.isArray(e.models) || !e.models.every(isModel)) return "a bad model entry";
  if (!Array.isArray(e.leftOut) || !e.leftOut.every((m) => isModel(m) && isString((m as Record<string, unknown>).reason))) return "a bad left-out entry";
  if (e.warnings !== undefined && (!Array.isArray(e.warnings) || !e.warnings.every(isWarning))) return "a bad warning";
  return undefined;
}

function isModel(value: unknown): boolean {
  if (!value || typeof value !== "object") return false;
  const m = value as Record<string, unknown>;
  return (
    isString(m.id) && m.id !== "" && isString(m.name) && isString(m.providerName) && KINDS.has(m.kind as string) &&
    Array.isArray(m.input) && m.input.every(isString) && isCount(m.contextWindow) && isCount(m.maxTokens) &&
    typeof m.reasoning === "boolean" && (m.baseModelId === undefined || isString(m.baseModelId))
  );
}

function isWarning(value: unknown): boolean {
  if (!value || typeof value !== "object") return false;
  const w = value as Record<string, unknown>;
  return isString(w.code) && isString(w.cause) && isString(w.fix) && (w.hidden === undefined || (Array.isArray(w.hidden) && w.hidden.every(isString)));
}

export function writeCacheEntry(file: string, entry: CacheEntry): void {
  writePrivateFile(file, JSON.stringify(entry));
}

export function isFresh(entry: CacheEntry, refreshIntervalSeconds: number, now = Date.now()): boolean {
  const age = now - entry.fetchedAt;
  return age >= 0 && age < refreshIntervalSeconds * 1000;
}
