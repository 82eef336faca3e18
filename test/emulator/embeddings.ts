// InvokeModel for the embedding models: each model's request checked the way Bedrock checks it (a JSON-schema
// refusal, "Malformed input request: #/…, please reformat your input and try again.") and answered in the model's
// response shape, with deterministic vectors: a hashed bag of words projected to the requested dimension, so texts
// that share words are close and `memory search` finds the note that shares the query's words.
import { createHash } from "node:crypto";
import { AwsError } from "./errors.ts";

export interface EmbeddingCall {
  modelId: string;
  /** The texts embedded, and what for ("document" | "query", from input_type / embeddingPurpose). */
  texts: string[];
  purpose?: string;
  dimensions: number;
}

const malformed = (detail: string) => new AwsError(400, "ValidationException", `Malformed input request: ${detail}, please reformat your input and try again.`);
const extraneous = (path: string, key: string) => malformed(`${path}: extraneous key [${key}] is not permitted`);
const required = (path: string, key: string) => malformed(`${path}: required key [${key}] not found`);
const notEnum = (path: string, value: unknown) => malformed(`${path}: ${JSON.stringify(value)} is not a valid enum value`);

function onlyKeys(path: string, value: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) throw extraneous(path, key);
}

function object(path: string, value: unknown): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw malformed(`${path}: expected type: JSONObject, found: ${Array.isArray(value) ? "JSONArray" : typeof value}`);
  return value as Record<string, unknown>;
}

function string(path: string, value: unknown): string {
  if (typeof value !== "string") throw malformed(`${path}: expected type: String, found: ${value === null ? "Null" : typeof value}`);
  return value;
}

/** The embedding models the emulator serves (the base id; a geo profile prefix is accepted for Cohere v4 and Nova). */
export const EMBEDDING_MODEL_IDS = [
  "amazon.titan-embed-text-v2:0",
  "amazon.titan-embed-text-v1",
  "cohere.embed-english-v3",
  "cohere.embed-multilingual-v3",
  "cohere.embed-v4:0",
  "amazon.nova-2-multimodal-embeddings-v1:0",
] as const;

export function isEmbeddingModel(modelId: string): boolean {
  return (EMBEDDING_MODEL_IDS as readonly string[]).includes(modelId.replace(/^(?:us|eu|apac|global)\./, ""));
}

/** Validates the body for the model and answers it: the response body and what was embedded. */
export function invokeEmbedding(modelId: string, raw: string): { response: unknown; call: EmbeddingCall } {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw malformed("#: expected type: JSONObject, found: String");
  }
  const input = object("#", body);
  const base = modelId.replace(/^(?:us|eu|apac|global)\./, "");
  switch (base) {
    case "amazon.titan-embed-text-v2:0": {
      onlyKeys("#", input, ["inputText", "dimensions", "normalize", "embeddingTypes"]);
      if (!("inputText" in input)) throw required("#", "inputText");
      const text = string("#/inputText", input.inputText);
      if (text.length === 0) throw malformed("#/inputText: expected minLength: 1, actual: 0");
      if (text.length > 50_000) throw malformed(`#/inputText: expected maxLength: 50000, actual: ${text.length}`);
      const dimensions = input.dimensions ?? 1024;
      if (![256, 512, 1024].includes(dimensions as number)) throw notEnum("#/dimensions", dimensions);
      if (input.normalize !== undefined && typeof input.normalize !== "boolean") throw malformed("#/normalize: expected type: Boolean, found: " + typeof input.normalize);
      const embedding = vectorFor(text, dimensions as number, input.normalize !== false);
      return { response: { embedding, inputTextTokenCount: tokenCount(text), embeddingsByType: { float: embedding } }, call: { modelId, texts: [text], dimensions: dimensions as number } };
    }
    case "amazon.titan-embed-text-v1": {
      onlyKeys("#", input, ["inputText"]);
      if (!("inputText" in input)) throw required("#", "inputText");
      const text = string("#/inputText", input.inputText);
      if (text.length === 0) throw malformed("#/inputText: expected minLength: 1, actual: 0");
      return { response: { embedding: vectorFor(text, 1536, true), inputTextTokenCount: tokenCount(text) }, call: { modelId, texts: [text], dimensions: 1536 } };
    }
    case "cohere.embed-english-v3":
    case "cohere.embed-multilingual-v3":
    case "cohere.embed-v4:0": {
      const v4 = base === "cohere.embed-v4:0";
      onlyKeys("#", input, v4 ? ["texts", "images", "inputs", "input_type", "embedding_types", "output_dimension", "max_tokens", "truncate"] : ["texts", "images", "input_type", "truncate", "embedding_types"]);
      if (!("input_type" in input)) throw required("#", "input_type");
      const inputType = string("#/input_type", input.input_type);
      if (!["search_document", "search_query", "classification", "clustering", ...(v4 ? [] : ["image"])].includes(inputType)) throw notEnum("#/input_type", inputType);
      if (!Array.isArray(input.texts)) throw input.texts === undefined ? required("#", "texts") : malformed("#/texts: expected type: JSONArray, found: " + typeof input.texts);
      const texts = input.texts.map((text, i) => string(`#/texts/${i}`, text));
      if (texts.length > 96) throw malformed(`#/texts: expected maximum item count: 96, found: ${texts.length}`);
      if (!v4) texts.forEach((text, i) => {
        if (text.length > 2048) throw malformed(`#/texts/${i}: expected maxLength: 2048, actual: ${text.length}`);
      });
      if (input.truncate !== undefined && !(v4 ? ["NONE", "LEFT", "RIGHT"] : ["NONE", "START", "END"]).includes(input.truncate as string)) throw notEnum("#/truncate", input.truncate);
      const types = input.embedding_types;
      if (types !== undefined && (!Array.isArray(types) || types.some((t) => !["float", "int8", "uint8", "binary", "ubinary"].includes(t)))) throw notEnum("#/embedding_types", types);
      const dimensions = v4 ? (input.output_dimension ?? 1536) : 1024;
      if (v4 && ![256, 512, 1024, 1536].includes(dimensions as number)) throw notEnum("#/output_dimension", dimensions);
      const vectors = texts.map((text) => vectorFor(text, dimensions as number, true));
      const byType = types !== undefined || v4;
      return {
        response: {
          id: createHash("sha256").update(raw).digest("hex").slice(0, 32),
          embeddings: byType ? { float: vectors } : vectors,
          response_type: byType ? "embeddings_by_type" : "embeddings_floats",
          texts,
        },
        call: { modelId, texts, purpose: inputType === "search_query" ? "query" : "document", dimensions: dimensions as number },
      };
    }
    case "amazon.nova-2-multimodal-embeddings-v1:0": {
      onlyKeys("#", input, ["schemaVersion", "taskType", "singleEmbeddingParams"]);
      if (input.schemaVersion !== undefined && input.schemaVersion !== "nova-multimodal-embed-v1") throw notEnum("#/schemaVersion", input.schemaVersion);
      if (!("taskType" in input)) throw required("#", "taskType");
      if (input.taskType !== "SINGLE_EMBEDDING") throw notEnum("#/taskType", input.taskType);
      if (!("singleEmbeddingParams" in input)) throw required("#", "singleEmbeddingParams");
      const params = object("#/singleEmbeddingParams", input.singleEmbeddingParams);
      onlyKeys("#/singleEmbeddingParams", params, ["embeddingPurpose", "embeddingDimension", "text", "image", "audio", "video"]);
      if (!("embeddingPurpose" in params)) throw required("#/singleEmbeddingParams", "embeddingPurpose");
      const purposes = ["GENERIC_INDEX", "GENERIC_RETRIEVAL", "TEXT_RETRIEVAL", "IMAGE_RETRIEVAL", "VIDEO_RETRIEVAL", "DOCUMENT_RETRIEVAL", "AUDIO_RETRIEVAL", "CLASSIFICATION", "CLUSTERING"];
      if (!purposes.includes(params.embeddingPurpose as string)) throw notEnum("#/singleEmbeddingParams/embeddingPurpose", params.embeddingPurpose);
      const dimensions = params.embeddingDimension ?? 3072;
      if (![256, 384, 1024, 3072].includes(dimensions as number)) throw notEnum("#/singleEmbeddingParams/embeddingDimension", dimensions);
      if (!("text" in params)) throw required("#/singleEmbeddingParams", "text");
      const text = object("#/singleEmbeddingParams/text", params.text);
      onlyKeys("#/singleEmbeddingParams/text", text, ["truncationMode", "value", "source"]);
      if (!("truncationMode" in text)) throw required("#/singleEmbeddingParams/text", "truncationMode");
      if (!["START", "END", "NONE"].includes(text.truncationMode as string)) throw notEnum("#/singleEmbeddingParams/text/truncationMode", text.truncationMode);
      const value = string("#/singleEmbeddingParams/text/value", text.value);
      return {
        response: { embeddings: [{ embeddingType: "TEXT", embedding: vectorFor(value, dimensions as number, true) }] },
        call: { modelId, texts: [value], purpose: params.embeddingPurpose === "GENERIC_INDEX" ? "document" : "query", dimensions: dimensions as number },
      };
    }
    default:
      throw new AwsError(400, "ValidationException", "The provided model identifier is invalid.");
  }
}

/** Words of three letters or more, lower-cased, a plural `s` dropped: "Invoices" and "invoice" are one word. */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).map((word) => (word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word));
}

function tokenCount(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/**
 * The emulator's embedding: each word adds ±1 at a few positions its hash picks (the same word, the same
 * positions, at every dimension), so the cosine of two texts grows with the words they share.
 */
export function vectorFor(text: string, dimensions: number, normalize: boolean): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = wordsOf(text);
  for (const word of words.length ? words : [text]) {
    const hash = createHash("sha256").update(word).digest();
    for (let k = 0; k < 4; k++) {
      const index = hash.readUInt32BE(k * 4) % dimensions;
      vector[index]! += hash[16 + k]! & 1 ? 1 : -1;
    }
  }
  if (!normalize) return vector;
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
}
