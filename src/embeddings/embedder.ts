// Embeds texts through InvokeModel: the model's batches (up to 96 texts for Cohere, one for Titan and Nova), at
// most EMBED_CONCURRENCY requests at once, a throttle or a 5xx retried with jittered backoff, a text over the
// model's limit cut where the model cuts or refused with what to do. The same region and credential chains, proxy,
// timeouts and error classifier as a chat turn. Loads the SDK.
import { InvokeModelCommand, type BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { ClientContext } from "../aws/client-config.js";
import { createRuntimeClient } from "../transport/runtime-client.js";
import { resolveAwsTarget, type AwsTarget } from "../aws/target.js";
import { envTimeoutMs } from "../aws/timeouts.js";
import { classifyAwsError, causeWithSaid } from "../bedrock/classify-error.js";
import { readDiscoveryOptions } from "../config/discovery-options.js";
import { resolveStateDir } from "../config/paths.js";
import { embeddingChoiceProblem, embeddingModelFor, stripProviderPrefix, type EmbeddingModel, type EmbedPurpose } from "./models.js";

/** Requests in flight at once for one embedder: enough to hide latency, few enough to stay under on-demand quotas. */
export const EMBED_CONCURRENCY = 4;
/** Retries of a throttled or failed-on-the-server request, and the backoff's base and cap. */
const RETRIES = 4;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5_000;
/** Each InvokeModel is bounded by OPENCLAW_BEDROCK_TIMEOUT, else by this. */
const DEFAULT_EMBED_TIMEOUT_MS = 60_000;

export interface EmbedderOptions {
  /** The model id (or inference-profile id) as configured; `bedrock/` prefixes are accepted. */
  model: string;
  dimensions?: number;
  /** OpenClaw's config: the plugin's discovery region applies to embeddings as to turns. */
  config?: unknown;
  env?: NodeJS.ProcessEnv;
  concurrency?: number;
  /** Waits between retries (tests shorten them). */
  backoff?: { baseMs: number; capMs: number };
}

export interface Embedder {
  model: EmbeddingModel;
  /** The id sent (a profile id stays a profile id). */
  modelId: string;
  dimensions: number;
  embed(texts: string[], purpose: EmbedPurpose, signal?: AbortSignal): Promise<number[][]>;
}

/** A bad model or dimension choice, or an over-long text the model can't cut: nothing was sent. */
export class EmbeddingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddingInputError";
  }
}

export function createEmbedder(options: EmbedderOptions): Embedder {
  const env = options.env ?? process.env;
  const modelId = stripProviderPrefix(options.model);
  const problem = embeddingChoiceProblem(modelId, options.dimensions);
  if (problem) throw new EmbeddingInputError(problem);
  const model = embeddingModelFor(modelId)!;
  const dimensions = options.dimensions ?? model.defaultDimensions;
  const target = resolveAwsTarget({
    env,
    configRegion: readDiscoveryOptions(options.config, env).options.region,
    timeout: { ms: envTimeoutMs(env) ?? DEFAULT_EMBED_TIMEOUT_MS, setting: "OPENCLAW_BEDROCK_TIMEOUT" },
    imds: { stateDir: resolveStateDir(env) },
  });
  const limit = limiter(options.concurrency ?? EMBED_CONCURRENCY);
  const backoff = options.backoff ?? { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_CAP_MS };
  let client: BedrockRuntimeClient | undefined;
  const clientFor = async () => {
    await target.detect();
    return (client ??= embeddingClient(target.client("bedrock-runtime")));
  };

  return {
    model,
    modelId,
    dimensions,
    async embed(texts, purpose, signal) {
      const fitted = texts.map((text) => fit(text, model));
      const batches: string[][] = [];
      for (let at = 0; at < fitted.length; at += model.batchSize) batches.push(fitted.slice(at, at + model.batchSize));
      const results = await Promise.all(batches.map((batch) => limit(() => invoke(batch))));
      return results.flat();

      async function invoke(batch: string[]): Promise<number[][]> {
        const body = JSON.stringify(model.request(batch, { dimensions, purpose }));
        for (let attempt = 0; ; attempt++) {
          signal?.throwIfAborted();
          try {
            const response = await (await clientFor()).send(new InvokeModelCommand({ modelId, body, contentType: "application/json", accept: "application/json" }), { abortSignal: signal });
            const vectors = model.vectors(JSON.parse(new TextDecoder().decode(response.body)));
            if (vectors.length !== batch.length) throw new Error(`Bedrock answered ${vectors.length} embeddings for ${batch.length} texts`);
            return vectors;
          } catch (error) {
            if (signal?.aborted) throw signal.reason;
            if (attempt >= RETRIES || !retryable(error)) throw explain(error, target, modelId);
            await sleep(jittered(attempt, backoff), signal);
          }
        }
      }
    },
  };
}

/**
 * One InvokeModel of one short text through the given client context (the doctor's: its region, flags and timeout),
 * answering the vector's length and the time it took; AWS errors are thrown as the SDK raised them.
 */
export async function probeEmbedding(ctx: ClientContext, modelId: string, dimensions: number | undefined): Promise<{ dimensions: number; latencyMs: number }> {
  const model = embeddingModelFor(modelId);
  if (!model) throw new EmbeddingInputError(embeddingChoiceProblem(modelId, dimensions)!);
  const client = embeddingClient(ctx);
  const started = performance.now();
  try {
    const body = JSON.stringify(model.request(["doctor"], { dimensions: dimensions ?? model.defaultDimensions, purpose: "query" }));
    const response = await client.send(new InvokeModelCommand({ modelId: stripProviderPrefix(modelId), body, contentType: "application/json", accept: "application/json" }), {
      abortSignal: AbortSignal.timeout(ctx.timeoutMs),
    });
    const [vector] = model.vectors(JSON.parse(new TextDecoder().decode(response.body)));
    return { dimensions: vector!.length, latencyMs: Math.round(performance.now() - started) };
  } finally {
    client.destroy();
  }
}

/** The runtime client for embeddings: as a turn's, but its HTTP/2 requests share one session (the bench's RSS row). */
function embeddingClient(ctx: ClientContext): BedrockRuntimeClient {
  return createRuntimeClient(ctx, { sharedSession: true });
}

/** The text as the model takes it: cut where the model cuts anyway, refused where it doesn't. */
function fit(text: string, model: EmbeddingModel): string {
  if (text.length <= model.maxChars) return text;
  if (model.truncates) return text.slice(0, model.maxChars);
  throw new EmbeddingInputError(
    `a text of ${text.length} characters is over ${model.id}'s limit of ${model.maxChars}: lower memory.search.chunking.tokens, or use a model that cuts long texts (cohere.embed-v4:0, amazon.nova-2-multimodal-embeddings-v1:0)`,
  );
}

const RETRYABLE = new Set(["ThrottlingException", "ServiceUnavailableException", "ModelNotReadyException", "InternalServerException", "ServiceQuotaExceededException"]);

function retryable(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode ?? 0;
  return RETRYABLE.has(e?.name ?? "") || status === 429 || status >= 500;
}

/** Full jitter: a random wait up to the exponential step, so throttled callers don't retry in step. */
function jittered(attempt: number, { baseMs, capMs }: { baseMs: number; capMs: number }): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/** An error that says what failed, what AWS said, and the fix; the AWS error's name stays (OpenClaw reads 429s). */
function explain(error: unknown, target: AwsTarget, modelId: string): Error {
  if (error instanceof EmbeddingInputError) return error;
  const classified = classifyAwsError(error, target.errorContext("InvokeModel", { modelId }));
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const prefix = classified.code === "throttled" ? "429: Bedrock rate limit: " : status && status >= 500 ? `${status}: ` : "";
  return Object.assign(new Error(`${prefix}Bedrock embeddings (InvokeModel ${modelId}) failed: ${causeWithSaid(classified)}; fix: ${classified.fix}`), {
    name: classified.said.name && classified.said.name !== "Error" ? classified.said.name : "BedrockEmbeddingError",
    code: classified.code,
    cause: error,
  });
}

/** Runs at most `max` tasks at once, the rest in the order they came; a finished task hands its slot on. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
