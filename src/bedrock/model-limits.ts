// Context window, max output and reasoning for a model id, from the known-models table, else the configured defaults.
import { KNOWN_MODELS, type KnownModel } from "./known-models.js";
import { stripGeoPrefix, stripVersionSuffix } from "./model-id.js";

export const DEFAULT_CONTEXT_WINDOW = 32_000;
export const DEFAULT_MAX_TOKENS = 4_096;

const KEYS_LONGEST_FIRST = Object.keys(KNOWN_MODELS).sort((a, b) => b.length - a.length);

/** The table entry for a model id or profile id, matched on the bare id with its version suffix stripped. */
export function findKnownModel(id: string): KnownModel | undefined {
  // Both spellings: `-v2` is a version in `…-20240620-v2:0` but part of the name in `nemotron-nano-12b-v2`.
  const bare = stripGeoPrefix(id);
  const candidates = [bare, stripVersionSuffix(bare)];
  for (const key of KEYS_LONGEST_FIRST) {
    for (const candidate of candidates) {
      if (candidate === key || candidate.startsWith(`${key}-`) || candidate.startsWith(`${key}:`)) return KNOWN_MODELS[key];
    }
  }
  return undefined;
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
