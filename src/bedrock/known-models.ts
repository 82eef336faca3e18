// Token limits of Bedrock text models, which ListFoundationModels does not return. Data only; matching is in model-limits.ts.
//
// Keys are bare model ids with the geography prefix (us., eu., global. ...) and the version suffix
// (-v1:0, -v2:0, :0) removed; the longest key that prefixes a model id wins. `ctx` is the context
// window and `out` the maximum output tokens Bedrock accepts for the model, in tokens.
//
// Sources (checked 2026-11):
//   [aws-params]  https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html (per-provider pages)
//   [aws-models]  https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html
//   [anthropic]   https://docs.anthropic.com/en/docs/about-claude/models/overview (context and max output)
//   [nova]        https://docs.aws.amazon.com/nova/latest/userguide/what-is-nova.html
//   [meta]        https://www.llama.com/docs/model-cards-and-prompt-formats/
//   [mistral]     https://docs.mistral.ai/getting-started/models/
//   [vendor]      the model vendor's own model card for that model
//   [claude-cards] https://platform.claude.com/docs/en/models (each model's page: context window, max output) and
//                 Bedrock's model cards, e.g. https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-fable-5.html
//                 (checked 2026-12)

export interface KnownModel {
  ctx: number;
  out: number;
  reasoning?: boolean;
  source: string;
}

export const KNOWN_MODELS: Record<string, KnownModel> = {
  // Anthropic Claude 3 to 5 (a later minor version without a line here: CLAUDE_GENERATION_LIMITS below)
  "anthropic.claude-instant": { ctx: 100_000, out: 4_096, source: "anthropic" },
  "anthropic.claude-v2": { ctx: 100_000, out: 4_096, source: "anthropic" },
  "anthropic.claude-3-haiku": { ctx: 200_000, out: 4_096, source: "anthropic" },
  "anthropic.claude-3-sonnet": { ctx: 200_000, out: 4_096, source: "anthropic" },
  "anthropic.claude-3-opus": { ctx: 200_000, out: 4_096, source: "anthropic" },
  "anthropic.claude-3-5-haiku": { ctx: 200_000, out: 8_192, source: "anthropic" },
  "anthropic.claude-3-5-sonnet-20240620": { ctx: 200_000, out: 4_096, source: "anthropic" },
  "anthropic.claude-3-5-sonnet-20241022": { ctx: 200_000, out: 8_192, source: "anthropic" },
  "anthropic.claude-3-7-sonnet": { ctx: 200_000, out: 64_000, reasoning: true, source: "anthropic" },
  "anthropic.claude-sonnet-4": { ctx: 200_000, out: 64_000, reasoning: true, source: "anthropic" },
  "anthropic.claude-sonnet-4-5": { ctx: 200_000, out: 64_000, reasoning: true, source: "anthropic" },
  "anthropic.claude-sonnet-4-6": { ctx: 1_000_000, out: 64_000, reasoning: true, source: "claude-cards" },
  "anthropic.claude-haiku-4-5": { ctx: 200_000, out: 64_000, reasoning: true, source: "anthropic" },
  "anthropic.claude-opus-4": { ctx: 200_000, out: 32_000, reasoning: true, source: "anthropic" },
  "anthropic.claude-opus-4-1": { ctx: 200_000, out: 32_000, reasoning: true, source: "anthropic" },
  "anthropic.claude-opus-4-5": { ctx: 200_000, out: 64_000, reasoning: true, source: "anthropic" },
  "anthropic.claude-opus-4-6": { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" },
  "anthropic.claude-opus-4-7": { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" },
  "anthropic.claude-opus-4-8": { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" },
  "anthropic.claude-sonnet-5": { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" },
  "anthropic.claude-opus-5": { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" },
  "anthropic.claude-fable-5": { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" },
  "anthropic.claude-mythos-5": { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" },
  "anthropic.claude-mythos-preview": { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" },

  // Amazon Nova 1 and 2, Titan text
  "amazon.nova-micro": { ctx: 128_000, out: 10_000, source: "nova" },
  "amazon.nova-lite": { ctx: 300_000, out: 10_000, source: "nova" },
  "amazon.nova-pro": { ctx: 300_000, out: 10_000, source: "nova" },
  "amazon.nova-premier": { ctx: 1_000_000, out: 32_000, source: "nova" },
  "amazon.nova-2-lite": { ctx: 1_000_000, out: 65_536, reasoning: true, source: "nova" },
  "amazon.nova-2-pro": { ctx: 1_000_000, out: 65_536, reasoning: true, source: "nova" },
  "amazon.titan-text-express": { ctx: 8_192, out: 8_192, source: "aws-params" },
  "amazon.titan-text-lite": { ctx: 4_096, out: 4_096, source: "aws-params" },
  "amazon.titan-text-premier": { ctx: 32_000, out: 3_072, source: "aws-params" },

  // Meta Llama 3.x and 4
  "meta.llama3-8b-instruct": { ctx: 8_192, out: 2_048, source: "aws-params" },
  "meta.llama3-70b-instruct": { ctx: 8_192, out: 2_048, source: "aws-params" },
  "meta.llama3-1-8b-instruct": { ctx: 128_000, out: 4_096, source: "meta" },
  "meta.llama3-1-70b-instruct": { ctx: 128_000, out: 4_096, source: "meta" },
  "meta.llama3-1-405b-instruct": { ctx: 128_000, out: 4_096, source: "meta" },
  "meta.llama3-2-1b-instruct": { ctx: 128_000, out: 4_096, source: "meta" },
  "meta.llama3-2-3b-instruct": { ctx: 128_000, out: 4_096, source: "meta" },
  "meta.llama3-2-11b-instruct": { ctx: 128_000, out: 4_096, source: "meta" },
  "meta.llama3-2-90b-instruct": { ctx: 128_000, out: 4_096, source: "meta" },
  "meta.llama3-3-70b-instruct": { ctx: 128_000, out: 4_096, source: "meta" },
  "meta.llama4-scout-17b-instruct": { ctx: 3_500_000, out: 8_192, source: "aws-models" },
  "meta.llama4-maverick-17b-instruct": { ctx: 1_000_000, out: 8_192, source: "aws-models" },

  // Mistral
  "mistral.mistral-7b-instruct": { ctx: 32_000, out: 8_192, source: "mistral" },
  "mistral.mixtral-8x7b-instruct": { ctx: 32_000, out: 4_096, source: "mistral" },
  "mistral.mistral-small-2402": { ctx: 32_000, out: 8_192, source: "mistral" },
  "mistral.mistral-large-2402": { ctx: 32_000, out: 8_192, source: "mistral" },
  "mistral.mistral-large-2407": { ctx: 128_000, out: 8_192, source: "mistral" },
  "mistral.mistral-large-3": { ctx: 256_000, out: 8_192, source: "mistral" },
  "mistral.pixtral-large-2502": { ctx: 128_000, out: 8_192, source: "mistral" },
  "mistral.magistral-small": { ctx: 128_000, out: 40_000, reasoning: true, source: "mistral" },
  "mistral.ministral-3": { ctx: 128_000, out: 8_192, source: "mistral" },
  "mistral.voxtral-mini-3b": { ctx: 32_000, out: 8_192, source: "mistral" },
  "mistral.voxtral-small-24b": { ctx: 32_000, out: 8_192, source: "mistral" },

  // DeepSeek
  "deepseek.r1": { ctx: 128_000, out: 32_768, reasoning: true, source: "aws-models" },
  "deepseek.v3": { ctx: 128_000, out: 8_192, reasoning: true, source: "aws-models" },

  // OpenAI open-weight
  "openai.gpt-oss-20b": { ctx: 128_000, out: 16_384, reasoning: true, source: "aws-models" },
  "openai.gpt-oss-120b": { ctx: 128_000, out: 16_384, reasoning: true, source: "aws-models" },
  "openai.gpt-oss-safeguard-20b": { ctx: 128_000, out: 16_384, reasoning: true, source: "aws-models" },
  "openai.gpt-oss-safeguard-120b": { ctx: 128_000, out: 16_384, reasoning: true, source: "aws-models" },

  // Qwen
  "qwen.qwen3-32b": { ctx: 128_000, out: 16_384, reasoning: true, source: "vendor" },
  "qwen.qwen3-235b-a22b": { ctx: 256_000, out: 32_768, reasoning: true, source: "vendor" },
  "qwen.qwen3-coder-30b-a3b": { ctx: 256_000, out: 65_536, source: "vendor" },
  "qwen.qwen3-coder-480b-a35b": { ctx: 256_000, out: 65_536, source: "vendor" },
  "qwen.qwen3-next-80b-a3b": { ctx: 256_000, out: 32_768, source: "vendor" },
  "qwen.qwen3-vl-235b-a22b": { ctx: 256_000, out: 32_768, source: "vendor" },

  // Cohere
  "cohere.command-text": { ctx: 4_000, out: 4_000, source: "aws-params" },
  "cohere.command-light-text": { ctx: 4_000, out: 4_000, source: "aws-params" },
  "cohere.command-r": { ctx: 128_000, out: 4_096, source: "aws-params" },
  "cohere.command-r-plus": { ctx: 128_000, out: 4_096, source: "aws-params" },

  // AI21 Labs
  "ai21.jamba-instruct": { ctx: 256_000, out: 4_096, source: "aws-params" },
  "ai21.jamba-1-5-mini": { ctx: 256_000, out: 4_096, source: "aws-params" },
  "ai21.jamba-1-5-large": { ctx: 256_000, out: 4_096, source: "aws-params" },

  // Writer
  "writer.palmyra-x4": { ctx: 128_000, out: 8_192, source: "aws-models" },
  "writer.palmyra-x5": { ctx: 1_000_000, out: 8_192, source: "aws-models" },

  // Moonshot, MiniMax
  "moonshot.kimi-k2-thinking": { ctx: 256_000, out: 16_384, reasoning: true, source: "vendor" },
  "moonshot.kimi-k2": { ctx: 256_000, out: 16_384, source: "vendor" },
  "minimax.minimax-m2": { ctx: 204_800, out: 131_072, reasoning: true, source: "vendor" },

  // Google Gemma
  "google.gemma-3-4b-it": { ctx: 128_000, out: 8_192, source: "vendor" },
  "google.gemma-3-12b-it": { ctx: 128_000, out: 8_192, source: "vendor" },
  "google.gemma-3-27b-it": { ctx: 128_000, out: 8_192, source: "vendor" },

  // NVIDIA
  "nvidia.nemotron-nano-9b-v2": { ctx: 128_000, out: 8_192, reasoning: true, source: "vendor" },
  "nvidia.nemotron-nano-12b-v2": { ctx: 128_000, out: 8_192, reasoning: true, source: "vendor" },
  "nvidia.nemotron-nano-3-30b": { ctx: 256_000, out: 8_192, reasoning: true, source: "vendor" },
};

/**
 * Limits for a Claude version the table above has no line for (Opus 4.9, Sonnet 5.2): its generation's, first
 * match wins. Haiku's next generation is not published: the lower limits are the safe side (a smaller output cap is
 * never refused, a smaller window only compacts sooner).
 */
export const CLAUDE_GENERATION_LIMITS: readonly { lines: readonly string[]; from: readonly [number, number]; limits: KnownModel }[] = [
  { lines: ["fable", "mythos"], from: [0, 0], limits: { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" } },
  { lines: ["opus", "sonnet"], from: [4, 7], limits: { ctx: 1_000_000, out: 128_000, reasoning: true, source: "claude-cards" } },
  { lines: ["haiku"], from: [4, 5], limits: { ctx: 200_000, out: 64_000, reasoning: true, source: "claude-cards" } },
];
