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
//   [anthropic-params]  https://docs.anthropic.com/en/docs/about-claude/models/migrating-to-claude-4 (temperature
//                       and top_p not together from Claude Sonnet 4.5 on)

/**
 * How a model is asked to reason: `budget` takes `thinking: { type: "enabled", budget_tokens }`, `adaptive`
 * takes `thinking: { type: "adaptive" }`, `effort` takes Nova's `reasoningConfig`, `always` reasons without
 * being asked (nothing is sent), `none` does not reason.
 */
export type ReasoningStyle = "budget" | "adaptive" | "effort" | "always" | "none";

export interface ModelFamily {
  reasoning: ReasoningStyle;
  /** Prompt caching: the fewest tokens a cached prefix must hold, the TTLs it takes, and where checkpoints may go. */
  cache?: { minTokens: number; ttls: ("5m" | "1h")[]; tools: boolean };
  /** Input kinds beyond text. */
  images?: boolean;
  /** Refuses temperature and top_p in the same request. */
  temperatureOrTopP?: boolean;
  source: string;
}

const CLAUDE_BUDGET = { reasoning: "budget", images: true, source: "bedrock-thinking, bedrock-caching" } as const;

export const MODEL_FAMILIES: Record<string, ModelFamily> = {
  "anthropic.claude-3": { reasoning: "none", images: true, source: "bedrock-caching" },
  "anthropic.claude-3-5-haiku": { reasoning: "none", cache: { minTokens: 2048, ttls: ["5m"], tools: true }, source: "bedrock-caching" },
  "anthropic.claude-3-7-sonnet": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m"], tools: true } },
  "anthropic.claude-sonnet-4": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m"], tools: true } },
  "anthropic.claude-opus-4": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m"], tools: true } },
  "anthropic.claude-opus-4-1": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m"], tools: true }, temperatureOrTopP: true },
  "anthropic.claude-sonnet-4-5": { ...CLAUDE_BUDGET, cache: { minTokens: 1024, ttls: ["5m", "1h"], tools: true }, temperatureOrTopP: true },
  "anthropic.claude-haiku-4-5": { ...CLAUDE_BUDGET, cache: { minTokens: 4096, ttls: ["5m", "1h"], tools: true }, temperatureOrTopP: true },
  "anthropic.claude-opus-4-5": { ...CLAUDE_BUDGET, cache: { minTokens: 4096, ttls: ["5m", "1h"], tools: true }, temperatureOrTopP: true },
  "anthropic.claude-sonnet-4-6": { reasoning: "adaptive", images: true, cache: { minTokens: 1024, ttls: ["5m", "1h"], tools: true }, temperatureOrTopP: true, source: "anthropic-adaptive, bedrock-caching" },
  "anthropic.claude-opus-4-6": { reasoning: "adaptive", images: true, cache: { minTokens: 4096, ttls: ["5m", "1h"], tools: true }, temperatureOrTopP: true, source: "anthropic-adaptive, bedrock-caching" },

  "amazon.nova-micro": { reasoning: "none", cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "bedrock-caching" },
  "amazon.nova-lite": { reasoning: "none", images: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "bedrock-caching" },
  "amazon.nova-pro": { reasoning: "none", images: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "bedrock-caching" },
  "amazon.nova-premier": { reasoning: "none", images: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "bedrock-caching" },
  "amazon.nova-2-lite": { reasoning: "effort", images: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "nova-reasoning, bedrock-caching" },
  "amazon.nova-2-pro": { reasoning: "effort", images: true, cache: { minTokens: 1000, ttls: ["5m"], tools: false }, source: "nova-reasoning, bedrock-caching" },

  "deepseek.r1": { reasoning: "always", source: "aws-models" },
  "meta.llama3-2-11b": { reasoning: "none", images: true, source: "aws-models" },
  "meta.llama3-2-90b": { reasoning: "none", images: true, source: "aws-models" },
  "meta.llama4": { reasoning: "none", images: true, source: "aws-models" },
  "mistral.pixtral": { reasoning: "none", images: true, source: "aws-models" },
  "qwen.qwen3-vl": { reasoning: "none", images: true, source: "aws-models" },
  "google.gemma-3": { reasoning: "none", images: true, source: "aws-models" },
};

/** What a model not in the table is assumed to take: no reasoning parameters, no caching, text only. */
export const UNKNOWN_FAMILY: ModelFamily = { reasoning: "none", source: "assumed" };
