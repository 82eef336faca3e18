// The doctor's `embeddings` line: when OpenClaw's memory search uses Bedrock (memory.search.provider "bedrock"),
// the configured model and dimension are ones the plugin can send, and one tiny InvokeModel answers at that
// dimension. Skipped when memory search uses another provider.
import { DEFAULT_EMBEDDING_MODEL, embeddingChoiceProblem, embeddingModelFor } from "../embeddings/models.js";
import { causeWithSaid, classifyAwsError, type ErrorContext } from "../bedrock/classify-error.js";
import type { ClientContext } from "../aws/client-config.js";
import { EMBEDDING_PROVIDER_ID } from "../bedrock/ids.js";
import type * as AwsCalls from "./aws-calls.js";
import { check, type CheckResult } from "./types.js";

export interface MemorySearchChoice {
  model: string;
  dimensions?: number;
}

/** memory.search as OpenClaw 2026.9.6 reads it (provider, model, outputDimensionality), when it names Bedrock. */
export function bedrockMemorySearch(config: Record<string, unknown>): MemorySearchChoice | undefined {
  const search = (config.memory as { search?: Record<string, unknown> } | undefined)?.search;
  if (typeof search?.provider !== "string" || search.provider.trim() !== EMBEDDING_PROVIDER_ID) return undefined;
  const model = typeof search.model === "string" && search.model.trim() ? search.model.trim() : DEFAULT_EMBEDDING_MODEL;
  return { model, dimensions: typeof search.outputDimensionality === "number" ? search.outputDimensionality : undefined };
}

/** The choice alone, before any call: a model or dimension the plugin can't send fails here with its fix. */
export function checkEmbeddingChoice(choice: MemorySearchChoice): CheckResult | undefined {
  const problem = embeddingChoiceProblem(choice.model, choice.dimensions);
  if (!problem) return undefined;
  const model = embeddingModelFor(choice.model);
  const fix = model
    ? `openclaw config set memory.search.outputDimensionality ${model.defaultDimensions} (or unset it)`
    : `openclaw config set memory.search.model ${DEFAULT_EMBEDDING_MODEL}`;
  return check("embeddings", "fail", problem.replace(/: use .*$/, ""), { details: { ...choice }, notes: [problem], fix });
}

export async function probeEmbeddings(
  sdk: typeof AwsCalls,
  ctx: ClientContext,
  choice: MemorySearchChoice,
  errorContext: (op: string, extra?: Partial<ErrorContext>) => ErrorContext,
): Promise<CheckResult> {
  const expected = choice.dimensions ?? embeddingModelFor(choice.model)!.defaultDimensions;
  const details = { model: choice.model, dimensions: expected };
  try {
    const answer = await sdk.probeEmbedding(ctx, choice.model, choice.dimensions);
    if (answer.dimensions !== expected) {
      return check("embeddings", "fail", `${choice.model} answered ${answer.dimensions} dimensions, memory search expects ${expected}`, {
        details: { ...details, answered: answer.dimensions },
        fix: `openclaw config set memory.search.outputDimensionality ${answer.dimensions}, then openclaw memory index --force`,
      });
    }
    return check("embeddings", "pass", `memory search: ${choice.model} answered a ${expected}-dimension embedding in ${answer.latencyMs} ms`, { details: { ...details, latencyMs: answer.latencyMs } });
  } catch (error) {
    const c = classifyAwsError(error, errorContext("InvokeModel", { modelId: choice.model }));
    return check("embeddings", "fail", `memory search: ${causeWithSaid(c)}`, { details: { ...details, error: c.code, said: c.said }, fix: c.fix });
  }
}
