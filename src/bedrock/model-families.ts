// What each Bedrock model family takes beyond its token limits: how it reasons, whether and how it caches
// prompts, what sampling it refuses. Data only, beside known-models.ts; matching is in model-limits.ts.
//
// Keys are bare id prefixes (no geography prefix, no version); the longest matching key wins, so a newer
// generation can differ from its family by adding one line.
//
// Sources (checked 2026-11):
//   [bedrock-thinking]  https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html
//   [anthropic-adaptive] https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking (Claude 4.6 and later)
//   [bedrock-caching]   https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html (models, minimum
//                       tokens per checkpoint, at most 4 checkpoints, 1-hour TTL models)
//   [nova-reasoning]    https://docs.aws.amazon.com/nova/latest/userguide/extended-thinking.html (reasoningConfig)
//   [bedrock-adaptive]  https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-adaptive-thinking.html
//                       (adaptive-only models: Opus 4.7, Mythos, Fable; `enabled` and `disabled` are a 400 there)
//   [anthropic-effort]  https://platform.claude.com/docs/en/build-with-claude/effort (low, medium, high, max from
//                       Claude 4.6; xhigh from Opus 4.7; the migration guide lists each model's levels)
//   [anthropic-4-7]     https://platform.claude.com/docs/en/about-claude/models/migration-guide (Opus 4.7 and later:
//                       temperature, top_p and top_k are refused; budget thinking removed)
//   [anthropic-models]  https://platform.claude.com/docs/en/models (Fable and Opus 5.x: adaptive thinking always on,
//                       default effort per model; Sonnet 5: adaptive, default effort high)
//   [openclaw-bedrock]  OpenClaw's own Bedrock plugin (extensions/amazon-bedrock/thinking-policy.ts in openclaw/openclaw):
//                       Sonnet 5 takes adaptive thinking only, `off` sent as the weakest effort, default high
//   [bedrock-fable]     https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-fable-5.html
//   [anthropic-refusal] https://platform.claude.com/docs/en/test-and-evaluate/strengthen-guardrails/handle-streaming-refusals
//                       (stop reason `refusal`, `stop_details.category`)
//   [nova-video]        https://docs.aws.amazon.com/nova/latest/userguide/modalities-video.html (Nova Lite, Pro,
//                       Premier: one video per request, mkv/mov/mp4/webm/flv/mpeg/mpg/wmv/3gp, inline up to 25 MB)
//   [nova2-multimodal]  https://docs.aws.amazon.com/nova/latest/nova2-userguide/using-multimodal-models.html (Nova 2 Lite)
//   [anthropic-params]  https://docs.anthropic.com/en/docs/about-claude/models/migrating-to-claude-4 (temperature
//                       and top_p not together from Claude Sonnet 4.5 on)

/**
 * How a model is asked to reason: `budget` takes `thinking: { type: "enabled", budget_tokens }`, `adaptive`
 * takes `thinking: { type: "adaptive" }` with `output_config.effort`, `effort` takes Nova's `reasoningConfig`,
 * `always` reasons without being asked (nothing is sent), `none` does not reason.
 */
export type ReasoningStyle = "budget" | "adaptive" | "effort" | "always" | "none";

/** Claude's `output_config.effort` values, weakest first. */
export const EFFORTS = ["low", "medium", "high", "xhigh", "max"] as const;
export type Effort = (typeof EFFORTS)[number];

export interface ModelFamily {
  reasoning: ReasoningStyle;
  /** Adaptive models: the `output_config.effort` values the model takes (others are a 400). */
  efforts?: readonly Effort[];
  /** Adaptive thinking is always on (`disabled` is a 400): every request names an effort. */
  alwaysThinks?: boolean;
  /** The effort the model reasons at when asked for nothing (OpenClaw's default level for it). */
  defaultEffort?: Effort;
  /** Refuses `temperature`, `top_p` and `top_k` altogether. */
  noSampling?: boolean;
  /** Prompt caching: the fewest tokens a cached prefix must hold, the TTLs it takes, and where checkpoints may go. */
  cache?: { minTokens: number; ttls: readonly ("5m" | "1h")[]; tools: boolean };
  /** Input kinds beyond text. */
  images?: boolean;
  /** Takes one video per request (Converse `video` blocks). */
  video?: boolean;
  /** Refuses temperature and top_p in the same request. */
  temperatureOrTopP?: boolean;
  /** Can end with stop reason `refusal` and report why in `stop_details` (asked for by response field path). */
  stopDetails?: boolean;
  /** Whose reasoning signatures the model verifies: signed reasoning goes back only to the same signer. */
  signer?: string;
  source: string;
}

const CLAUDE_BUDGET = { reasoning: "budget", images: true, signer: "anthropic.claude", source: "bedrock-thinking, bedrock-caching" } as const;

export const MODEL_FAMILIES: Record<string, ModelFamily> = {
  "anthropic.claude-3": { reasoning: "none", images: true, signer: "anthropic.claude", source: "bedrock-caching" },
  "anthropic.claude-3-5-haiku": { reasoning: "none", signer: "anthropic.claude", cache: { minTokens: 2048, ttls: ["5m"], tools: true }, source: "bedrock-caching" },
  "anthropic.claude-3-7-sonnet": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m"], tools: true } },
  "anthropic.claude-sonnet-4": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m"], tools: true } },
  "anthropic.claude-opus-4": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m"], tools: true } },
  "anthropic.claude-opus-4-1": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m"], tools: true }, temperatureOrTopP: true },
  "anthropic.claude-sonnet-4-5": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m", "1h"], tools: true }, temperatureOrTopP: true },
  "anthropic.claude-haiku-4-5": { ...CLAUDE_BUDGET, cache: { minTokens: 4096, ttls: ["5m", "1h"], tools: true }, temperatureOrTopP: true },
  "anthropic.claude-opus-4-5": { ...CLAUDE_BUDGET, cache: { minTokens: 4096, ttls: ["5m", "1h"], tools: true }, temperatureOrTopP: true },

  "amazon.nova-micro": { reasoning: "none", cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "bedrock-caching" },
  "amazon.nova-lite": { reasoning: "none", images: true, video: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "bedrock-caching, nova-video" },
  "amazon.nova-pro": { reasoning: "none", images: true, video: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "bedrock-caching, nova-video" },
  "amazon.nova-premier": { reasoning: "none", images: true, video: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "bedrock-caching, nova-video" },
  "amazon.nova-2-lite": { reasoning: "effort", images: true, video: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "nova-reasoning, bedrock-caching, nova2-multimodal" },
  "amazon.nova-2-pro": { reasoning: "effort", images: true, video: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "nova-reasoning, bedrock-caching, nova2-multimodal" },

  "deepseek.r1": { reasoning: "always", source: "aws-models" },
  // Llama 3, 3.1, 3.2 (1B, 3B) and 3.3 read text only: an image in the history becomes a note for them.
  "meta.llama3": { reasoning: "none", source: "aws-models" },
  "meta.llama3-2-11b": { reasoning: "none", images: true, source: "aws-models" },
  "meta.llama3-2-90b": { reasoning: "none", images: true, source: "aws-models" },
  "meta.llama4": { reasoning: "none", images: true, source: "aws-models" },
  "mistral.pixtral": { reasoning: "none", images: true, source: "aws-models" },
  "qwen.qwen3-vl": { reasoning: "none", images: true, source: "aws-models" },
  "google.gemma-3": { reasoning: "none", images: true, source: "aws-models" },
};

/**
 * Claude from 4.6 on, by generation rather than by id: the first rule whose line and version range match a model
 * decides, so Opus 4.9 or Sonnet 5.2 get their generation's rules the day they ship. Older Claude models are in
 * MODEL_FAMILIES above. Versions are [major, minor]; `preview` matches `claude-mythos-preview`.
 */
export interface ClaudeRule {
  lines: readonly ClaudeLine[];
  from?: readonly [number, number];
  until?: readonly [number, number];
  preview?: boolean;
  family: ModelFamily;
}
export type ClaudeLine = "opus" | "sonnet" | "haiku" | "fable" | "mythos";

const ALL_EFFORTS = EFFORTS;
const CLAUDE_NEW = { reasoning: "adaptive", images: true, signer: "anthropic.claude", cache: { minTokens: 4096, ttls: ["5m", "1h"], tools: true } } as const;
const CLAUDE_47_ON = { ...CLAUDE_NEW, efforts: ALL_EFFORTS, noSampling: true, stopDetails: true } as const;

export const CLAUDE_RULES: readonly ClaudeRule[] = [
  { lines: ["mythos"], preview: true, family: { ...CLAUDE_47_ON, efforts: ["low", "medium", "high"], alwaysThinks: true, defaultEffort: "high", source: "bedrock-adaptive, anthropic-effort, anthropic-4-7" } },
  { lines: ["fable", "mythos"], family: { ...CLAUDE_47_ON, alwaysThinks: true, defaultEffort: "high", source: "bedrock-adaptive, bedrock-fable, anthropic-models" } },
  { lines: ["opus"], from: [5, 0], family: { ...CLAUDE_47_ON, alwaysThinks: true, defaultEffort: "high", source: "bedrock-adaptive, anthropic-models" } },
  { lines: ["sonnet"], from: [5, 0], family: { ...CLAUDE_47_ON, alwaysThinks: true, defaultEffort: "high", source: "bedrock-adaptive, anthropic-models, openclaw-bedrock" } },
  { lines: ["opus", "sonnet", "haiku"], from: [4, 7], family: { ...CLAUDE_47_ON, source: "bedrock-adaptive, anthropic-effort, anthropic-4-7" } },
  { lines: ["sonnet"], from: [4, 6], until: [4, 6], family: { ...CLAUDE_NEW, efforts: ["low", "medium", "high", "max"], temperatureOrTopP: true, cache: { minTokens: 1024, ttls: ["5m", "1h"], tools: true }, source: "bedrock-adaptive, anthropic-effort, bedrock-caching" } },
  { lines: ["opus"], from: [4, 6], until: [4, 6], family: { ...CLAUDE_NEW, efforts: ["low", "medium", "high", "max"], temperatureOrTopP: true, source: "bedrock-adaptive, anthropic-effort, bedrock-caching" } },
];

export interface ClaudeIdentity {
  line: ClaudeLine;
  version: [number, number];
  preview: boolean;
}

/**
 * `anthropic.claude-opus-4-7`, `anthropic.claude-sonnet-5-20260630-v1:0`, `anthropic.claude-mythos-preview` as a
 * line and version; undefined for ids of another shape (Claude 3.x puts the version first, and is in the table).
 */
export function parseClaudeId(bareId: string): ClaudeIdentity | undefined {
  const match = /^anthropic\.claude-(opus|sonnet|haiku|fable|mythos)-(?:(preview)|(\d+)(?:[-.](\d{1,2}))?)(?=$|[-:.@])/.exec(bareId);
  if (!match) return undefined;
  if (match[2]) return { line: match[1] as ClaudeLine, version: [0, 0], preview: true };
  return { line: match[1] as ClaudeLine, version: [Number(match[3]), Number(match[4] ?? 0)], preview: false };
}

const compare = (a: readonly [number, number], b: readonly [number, number]) => a[0] - b[0] || a[1] - b[1];

/** The first Claude generation rule that matches the id, if any. */
export function claudeRuleFor(bareId: string): ClaudeRule | undefined {
  const claude = parseClaudeId(bareId);
  if (!claude) return undefined;
  return CLAUDE_RULES.find(
    (rule) =>
      rule.lines.includes(claude.line) &&
      (rule.preview ? claude.preview : !claude.preview || rule.from === undefined) &&
      (rule.from === undefined || (!claude.preview && compare(claude.version, rule.from) >= 0)) &&
      (rule.until === undefined || (!claude.preview && compare(claude.version, rule.until) <= 0)),
  );
}

/** What a model not in the table is assumed to take: no reasoning parameters, no caching, text only. */
export const UNKNOWN_FAMILY: ModelFamily = { reasoning: "none", source: "assumed" };
