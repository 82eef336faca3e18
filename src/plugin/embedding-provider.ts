// Memory search's `bedrock` provider: OpenClaw's embed/embedBatch calls mapped onto the embedder (queries embedded
// as queries, indexed chunks as documents). Loaded on the first embedding, with the AWS SDK.
import type { EmbeddingCallOptions, EmbeddingCreateOptions, EmbeddingInput, EmbeddingProviderAdapter } from "./host-types.js";
import { createEmbedder } from "../embeddings/embedder.js";
import { EMBEDDING_PROVIDER_ID } from "../bedrock/ids.js";

type Created = Awaited<ReturnType<EmbeddingProviderAdapter["create"]>>;

const textOf = (input: EmbeddingInput) => (typeof input === "string" ? input : input.text);
const purposeOf = (options?: EmbeddingCallOptions) => (options?.inputType === "query" ? "query" : "document");

export async function createBedrockEmbeddingProvider(options: EmbeddingCreateOptions, env: NodeJS.ProcessEnv = process.env): Promise<Created> {
  const embedder = createEmbedder({ model: options.model, dimensions: options.dimensions, config: options.config, env });
  return {
    provider: {
      id: EMBEDDING_PROVIDER_ID,
      model: embedder.modelId,
      dimensions: embedder.dimensions,
      maxInputTokens: embedder.model.maxInputTokens,
      embed: async (input, call) => (await embedder.embed([textOf(input)], purposeOf(call), call?.signal))[0]!,
      embedBatch: async (inputs, call) => (inputs.length === 0 ? [] : embedder.embed(inputs.map(textOf), purposeOf(call), call?.signal)),
    },
    runtime: { id: EMBEDDING_PROVIDER_ID, cacheKeyData: { provider: EMBEDDING_PROVIDER_ID, model: embedder.modelId, dimensions: embedder.dimensions } },
  };
}
