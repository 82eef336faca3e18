// The Bedrock embedding models memory search can use, each with its InvokeModel request and response as AWS
// documents them (the URL beside each), its dimensions, how many texts one request takes and its length limit.
// Pure data and codecs: no SDK, no network.

/** What a text is embedded for: stored in the index, or a search against it (Cohere and Nova embed them apart). */
export type EmbedPurpose = "document" | "query";

export interface EmbeddingModel {
  /** The base model id (a geo inference-profile prefix such as `us.` is taken off to find it). */
  id: string;
  name: string;
  /** The dimensions the model can return; the first is what it returns when none is asked. */
  dimensions: readonly number[];
  defaultDimensions: number;
  /** Texts per InvokeModel request. */
  batchSize: number;
  /** Characters the service takes per text; beyond it the text is cut (where `truncates`) or refused. */
  maxChars: number;
  /** Tokens the model reads of one text (OpenClaw sizes its chunks below it). */
  maxInputTokens: number;
  /** The model cuts an over-long text itself when asked (Cohere `truncate`, Nova `truncationMode`). */
  truncates: boolean;
  /** The request body for these texts. */
  request(texts: string[], options: { dimensions: number; purpose: EmbedPurpose }): Record<string, unknown>;
  /** The vectors in the response body, one per text, in order. */
  vectors(body: unknown): number[][];
  source: string;
}

const floats = (value: unknown): number[] => {
  if (!Array.isArray(value) || value.some((x) => typeof x !== "number")) throw new EmbeddingResponseError("an embedding that is not a list of numbers");
  return value as number[];
};

/** A response that is not the shape the model's documentation gives. */
export class EmbeddingResponseError extends Error {
  constructor(what: string) {
    super(`Bedrock answered InvokeModel with ${what}`);
    this.name = "EmbeddingResponseError";
  }
}

const titanV2: EmbeddingModel = {
  id: "amazon.titan-embed-text-v2:0",
  name: "Amazon Titan Text Embeddings V2",
  dimensions: [1024, 512, 256],
  defaultDimensions: 1024,
  batchSize: 1,
  maxChars: 50_000,
  maxInputTokens: 8192,
  truncates: false,
  request: (texts, { dimensions }) => ({ inputText: texts[0], dimensions, normalize: true }),
  vectors: (body) => [floats((body as { embedding?: unknown })?.embedding)],
  source: "https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html",
};

const titanV1: EmbeddingModel = {
  ...titanV2,
  id: "amazon.titan-embed-text-v1",
  name: "Amazon Titan Embeddings G1 - Text",
  dimensions: [1536],
  defaultDimensions: 1536,
  // G1 takes inputText alone: any other field is refused.
  request: (texts) => ({ inputText: texts[0] }),
};

/** Cohere Embed v3 answers `embeddings` as a list (no embedding_types) or by type (`{ float: [...] }`). */
function cohereVectors(body: unknown): number[][] {
  const embeddings = (body as { embeddings?: unknown })?.embeddings;
  const list = Array.isArray(embeddings) ? embeddings : (embeddings as { float?: unknown } | undefined)?.float;
  if (!Array.isArray(list)) throw new EmbeddingResponseError("no `embeddings` list");
  return list.map(floats);
}

const cohereInputType = (purpose: EmbedPurpose) => (purpose === "query" ? "search_query" : "search_document");

const cohereV3English: EmbeddingModel = {
  id: "cohere.embed-english-v3",
  name: "Cohere Embed English v3",
  dimensions: [1024],
  defaultDimensions: 1024,
  batchSize: 96,
  maxChars: 2048,
  maxInputTokens: 512,
  truncates: true,
  // truncate END: a text over the model's 512 tokens loses its end instead of failing the whole batch.
  request: (texts, { purpose }) => ({ texts, input_type: cohereInputType(purpose), truncate: "END", embedding_types: ["float"] }),
  vectors: cohereVectors,
  source: "https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v3.html",
};

const cohereV3Multilingual: EmbeddingModel = { ...cohereV3English, id: "cohere.embed-multilingual-v3", name: "Cohere Embed Multilingual v3" };

const cohereV4: EmbeddingModel = {
  id: "cohere.embed-v4:0",
  name: "Cohere Embed v4",
  dimensions: [1536, 1024, 512, 256],
  defaultDimensions: 1536,
  batchSize: 96,
  // 128,000 tokens per input; the characters are bounded by that, not by a count of their own.
  maxChars: 500_000,
  maxInputTokens: 128_000,
  truncates: true,
  // v4 says RIGHT where v3 says END.
  request: (texts, { dimensions, purpose }) => ({ texts, input_type: cohereInputType(purpose), truncate: "RIGHT", embedding_types: ["float"], output_dimension: dimensions }),
  vectors: cohereVectors,
  source: "https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v4.html",
};

const nova2: EmbeddingModel = {
  id: "amazon.nova-2-multimodal-embeddings-v1:0",
  name: "Amazon Nova 2 Multimodal Embeddings",
  dimensions: [3072, 1024, 384, 256],
  defaultDimensions: 3072,
  batchSize: 1,
  maxChars: 50_000,
  maxInputTokens: 8192,
  truncates: true,
  request: (texts, { dimensions, purpose }) => ({
    schemaVersion: "nova-multimodal-embed-v1",
    taskType: "SINGLE_EMBEDDING",
    singleEmbeddingParams: {
      embeddingPurpose: purpose === "query" ? "GENERIC_RETRIEVAL" : "GENERIC_INDEX",
      embeddingDimension: dimensions,
      text: { truncationMode: "END", value: texts[0] },
    },
  }),
  vectors: (body) => {
    const embeddings = (body as { embeddings?: unknown })?.embeddings;
    if (!Array.isArray(embeddings) || embeddings.length === 0) throw new EmbeddingResponseError("no `embeddings` list");
    return [floats((embeddings[0] as { embedding?: unknown })?.embedding)];
  },
  source: "https://docs.aws.amazon.com/nova/latest/userguide/embeddings-schema.html",
};

export const EMBEDDING_MODELS: readonly EmbeddingModel[] = [titanV2, titanV1, cohereV3English, cohereV3Multilingual, cohereV4, nova2];

export const DEFAULT_EMBEDDING_MODEL = titanV2.id;

/** A geo or global inference profile (`us.cohere.embed-v4:0`) invokes the model after the prefix. */
const PROFILE_PREFIX = /^(?:us|eu|apac|jp|au|ca|us-gov|global)\./;

/** The model an id (or profile id, or `bedrock/…` ref) names, or undefined. */
export function embeddingModelFor(id: string): EmbeddingModel | undefined {
  const bare = stripProviderPrefix(id).replace(PROFILE_PREFIX, "");
  return EMBEDDING_MODELS.find((model) => model.id === bare);
}

/** `bedrock/amazon.titan-embed-text-v2:0` and `amazon-bedrock/…` as memory-search refs, the id itself otherwise. */
export function stripProviderPrefix(id: string): string {
  return id.trim().replace(/^(?:amazon-)?bedrock\//, "");
}

/** Why a model and dimension choice can't be used, in one line with the fix; undefined when it can. */
export function embeddingChoiceProblem(modelId: string, dimensions: number | undefined): string | undefined {
  const model = embeddingModelFor(modelId);
  if (!model) {
    return `memory.search.model "${modelId}" is not a Bedrock embedding model this plugin knows: use one of ${EMBEDDING_MODELS.map((m) => m.id).join(", ")}`;
  }
  if (dimensions !== undefined && !model.dimensions.includes(dimensions)) {
    return `memory.search.outputDimensionality ${dimensions} is not one ${model.id} returns: use ${[...model.dimensions].sort((a, b) => a - b).join(", ")} (or leave it unset for ${model.defaultDimensions})`;
  }
  return undefined;
}
