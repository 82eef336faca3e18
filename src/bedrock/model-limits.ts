// Context window, max output and reasoning for a model id, from the known-models table, else the configured defaults.
import { CLAUDE_GENERATION_LIMITS, KNOWN_MODELS, type KnownModel } from "./known-models.js";
import { claudeRuleFor, MODEL_FAMILIES, parseClaudeId, UNKNOWN_FAMILY, type ClaudeIdentity, type ModelFamily } from "./model-families.js";
import { stripGeoPrefix, stripVersionSuffix } from "./model-id.js";

export const DEFAULT_CONTEXT_WINDOW = 32_000;
export const DEFAULT_MAX_TOKENS = 4_096;

/** The table entry for a model id or profile id, matched on the bare id with its version suffix stripped. */
export function findKnownModel(id: string): KnownModel | undefined {
  const claude = parseClaudeId(stripGeoPrefix(id));
  const hit = findKeyIn(KNOWN_MODELS, id);
  // A newer Claude than its line's last entry (Opus 4.9 under `claude-opus-4`) takes its generation's limits.
  if (claude && !(hit && sameClaude(parseClaudeId(hit.key), claude))) {
    const generation = CLAUDE_GENERATION_LIMITS.find((g) => g.lines.includes(claude.line) && (claude.preview || (claude.version[0] - g.from[0] || claude.version[1] - g.from[1]) >= 0));
    if (generation) return generation.limits;
  }
  return hit?.value;
}

function sameClaude(a: ClaudeIdentity | undefined, b: ClaudeIdentity): boolean {
  return Boolean(a && a.line === b.line && a.preview === b.preview && a.version[0] === b.version[0] && a.version[1] === b.version[1]);
}

/** The family entry for a model id or profile id (reasoning style, prompt caching, sampling rules). */
export function findModelFamily(id: string): ModelFamily | undefined {
  return claudeRuleFor(stripVersionSuffix(stripGeoPrefix(id)))?.family ?? findIn(MODEL_FAMILIES, id);
}

/** The family, or the safe assumption for a model the table does not know (`source: "assumed"`). */
export function modelFamily(id: string): ModelFamily {
  return findModelFamily(id) ?? UNKNOWN_FAMILY;
}

function findIn<T>(table: Record<string, T>, id: string): T | undefined {
  return findKeyIn(table, id)?.value;
}

function findKeyIn<T>(table: Record<string, T>, id: string): { key: string; value: T } | undefined {
  // Both spellings: `-v2` is a version in `…-20240620-v2:0` but part of the name in `nemotron-nano-12b-v2`.
  const bare = stripGeoPrefix(id);
  return longestKnownPrefix(table, bare) ?? longestKnownPrefix(table, stripVersionSuffix(bare));
}

/** Tries the id, then the id cut at each earlier `-` or `:`: the first hit is the longest matching key. */
function longestKnownPrefix<T>(table: Record<string, T>, candidate: string): { key: string; value: T } | undefined {
  let prefix = candidate;
  for (;;) {
    if (Object.hasOwn(table, prefix)) return { key: prefix, value: table[prefix]! };
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
