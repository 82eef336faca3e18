// The `bedrock` memory-search embedding adapter as OpenClaw registers it: its id, default model and index identity
// are table lookups; the provider itself (and the AWS SDK) loads when memory search first creates it.
import type { EmbeddingCreateOptions, EmbeddingProviderAdapter } from "./host-types.js";
import { DEFAULT_EMBEDDING_MODEL, embeddingModelFor, stripProviderPrefix } from "../embeddings/models.js";
import { EMBEDDING_PROVIDER_ID } from "../bedrock/ids.js";

const dimensionsOf = (options: EmbeddingCreateOptions) => options.dimensions ?? embeddingModelFor(options.model)?.defaultDimensions;

export const bedrockEmbeddingAdapter: EmbeddingProviderAdapter = {
  id: EMBEDDING_PROVIDER_ID,
  defaultModel: DEFAULT_EMBEDDING_MODEL,
  transport: "remote",
  normalizeModel: (options) => stripProviderPrefix(options.model || DEFAULT_EMBEDDING_MODEL),
  // A different model or dimension makes vectors that don't compare: the index says so instead of mixing them.
  resolveIndexIdentity: (options) => {
    const model = stripProviderPrefix(options.model || DEFAULT_EMBEDDING_MODEL);
    return { model, cacheKeyData: { provider: EMBEDDING_PROVIDER_ID, model, dimensions: dimensionsOf({ ...options, model }) } };
  },
  create: async (options) => (await import("./embedding-provider.js")).createBedrockEmbeddingProvider(options),
  formatSetupError: (error) => (error instanceof Error ? error.message : String(error)),
};
