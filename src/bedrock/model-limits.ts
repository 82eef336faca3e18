// Context window, max output and reasoning for a model id, from the known-models table, else the configured defaults.
import { KNOWN_MODELS, type KnownModel } from "./known-models.js";
import { MODEL_FAMILIES, UNKNOWN_FAMILY, type ModelFamily } from "./model-families.js";
import { stripGeoPrefix, stripVersionSuffix } from "./model-id.js";

export const DEFAULT_CONTEXT_WINDOW = 32_000;
export const DEFAULT_MAX_TOKENS = 4_096;

/** The table entry for a model id or profile id, matched on the bare id with its version suffix stripped. */
export function findKnownModel(id: string): KnownModel | undefined {
  return findIn(KNOWN_MODELS, id);
}

/** The family entry for a model id or profile id (reasoning style, prompt caching, sampling rules). */
export function findModelFamily(id: string): ModelFamily | undefined {
  return findIn(MODEL_FAMILIES, id);
}

/** The family, or the safe assumption for a model the table does not know (`source: "assumed"`). */
export function modelFamily(id: string): ModelFamily {
  return findModelFamily(id) ?? UNKNOWN_FAMILY;
}

function findIn<T>(table: Record<string, T>, id: string): T | undefined {
  // Both spellings: `-v2` is a version in `…-20240620-v2:0` but part of the name in `nemotron-nano-12b-v2`.
  const bare = stripGeoPrefix(id);
  return longestKnownPrefix(table, bare) ?? longestKnownPrefix(table, stripVersionSuffix(bare));
}

/** Tries the id, then the id cut at each earlier `-` or `:`: the first hit is the longest matching key. */
function longestKnownPrefix<T>(table: Record<string, T>, candidate: string): T | undefined {
  let prefix = candidate;
  for (;;) {
    if (Object.hasOwn(table, prefix)) return table[prefix];
    const cut = Math.max(prefix.lastIndexOf("-"), prefix.lastIndexOf(":"));
    if (cut <= 0) return undefined;
    prefix = prefix.slice(0, cut);
  }
}

export interface Limits {
  contextWindow: number;
  maxTokens: number;
  reasoning: boolean;
  known: boolean;
}

export function limitsFor(id: string, defaults: { contextWindow?: number; maxTokens?: number } = {}): Limits {
  const known = findKnownModel(id);
  if (known) return { contextWindow: known.ctx, maxTokens: known.out, reasoning: known.reasoning ?? false, known: true };
  return {
    contextWindow: defaults.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
    maxTokens: defaults.maxTokens ?? DEFAULT_MAX_TOKENS,
    reasoning: false,
    known: false,
  };
}
