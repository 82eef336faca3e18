// Bedrock's control plane (ListFoundationModels, ListInferenceProfiles, ...) and runtime (Converse, ConverseStream) over the catalog.
import fs from "node:fs";
import path from "node:path";
import { AwsError } from "./errors.ts";

export interface FoundationModel {
  modelArn: string;
  modelId: string;
  modelName?: string;
  providerName?: string;
  inputModalities?: string[];
  outputModalities?: string[];
  responseStreamingSupported?: boolean;
  customizationsSupported?: string[];
  inferenceTypesSupported?: string[];
  modelLifecycle?: { status: string };
}

export interface InferenceProfile {
  inferenceProfileName: string;
  description?: string;
  createdAt?: string;
  updatedAt?: string;
  inferenceProfileArn: string;
  models: { modelArn: string }[];
  inferenceProfileId: string;
  status: string;
  type: "SYSTEM_DEFINED" | "APPLICATION";
}

export interface Catalog {
  foundationModels: FoundationModel[];
  inferenceProfiles: InferenceProfile[];
}

const fixtureDir = path.resolve(import.meta.dirname, "../fixtures/bedrock");

/** The real captures in test/fixtures/bedrock: us-east-1 foundation models, us-west-2 profiles. */
export function fixtureCatalog(): Catalog {
  const models = JSON.parse(fs.readFileSync(path.join(fixtureDir, "list-foundation-models.us-east-1.sample.json"), "utf8"));
  const profiles = JSON.parse(fs.readFileSync(path.join(fixtureDir, "list-inference-profiles.us-west-2.json"), "utf8"));
  return { foundationModels: models.modelSummaries, inferenceProfiles: profiles.inferenceProfileSummaries };
}

/**
 * The Claude generations of late 2026 as Bedrock lists them: each foundation model (profile-only, as every Claude
 * since 4.5) with its us., eu. and global. system profiles. Added to a catalog on request, so counts that tests of
 * the early-2026 capture rely on stay as they were.
 */
export const LATEST_CLAUDE: { id: string; name: string }[] = [
  { id: "anthropic.claude-opus-4-7", name: "Claude Opus 4.7" },
  { id: "anthropic.claude-opus-4-8", name: "Claude Opus 4.8" },
  { id: "anthropic.claude-sonnet-5", name: "Claude Sonnet 5" },
  { id: "anthropic.claude-opus-5", name: "Claude Opus 5" },
  { id: "anthropic.claude-haiku-5-5", name: "Claude Haiku 5.5" },
  { id: "anthropic.claude-fable-5", name: "Claude Fable 5" },
  { id: "anthropic.claude-mythos-5", name: "Claude Mythos 5" },
  { id: "anthropic.claude-mythos-preview", name: "Claude Mythos Preview" },
  { id: "anthropic.claude-sonnet-4-6", name: "Claude Sonnet 4.6" },
  { id: "anthropic.claude-opus-4-6-v1", name: "Claude Opus 4.6" },
];

export function withLatestModels(catalog: Catalog, models = LATEST_CLAUDE, account = "111122223333"): Catalog {
  for (const model of models) {
    if (!catalog.foundationModels.some((m) => m.modelId === model.id)) {
      catalog.foundationModels.push({
        modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${model.id}`,
        modelId: model.id,
        modelName: model.name,
        providerName: "Anthropic",
        inputModalities: ["TEXT", "IMAGE"],
        outputModalities: ["TEXT"],
        responseStreamingSupported: true,
        customizationsSupported: [],
        inferenceTypesSupported: ["INFERENCE_PROFILE"],
        modelLifecycle: { status: "ACTIVE" },
      });
    }
    for (const [geo, regions] of [["us", ["us-east-1", "us-east-2", "us-west-2"]], ["eu", ["eu-central-1", "eu-west-1"]], ["global", ["us-east-1", "eu-west-1", "ap-northeast-1"]]] as const) {
      const id = `${geo}.${model.id}`;
      if (catalog.inferenceProfiles.some((p) => p.inferenceProfileId === id)) continue;
      catalog.inferenceProfiles.push({
        inferenceProfileName: `${geo === "global" ? "Global" : geo.toUpperCase()} Anthropic ${model.name}`,
        description: `Routes requests to Anthropic ${model.name} in ${regions.join(", ")}.`,
        createdAt: "2026-06-01T00:00:00+00:00",
        updatedAt: "2026-06-01T00:00:00+00:00",
        inferenceProfileArn: `arn:aws:bedrock:us-west-2:${account}:inference-profile/${id}`,
        models: regions.map((region) => ({ modelArn: `arn:aws:bedrock:${region}::foundation-model/${model.id}` })),
        inferenceProfileId: id,
        status: "ACTIVE",
        type: "SYSTEM_DEFINED",
      });
    }
  }
  return catalog;
}

/** Whether the model reads images: its catalog entry, else what Bedrock's model cards say of the text-only families. */
export function takesImages(catalog: Catalog, baseModelId: string): boolean {
  const model = catalog.foundationModels.find((m) => m.modelId === baseModelId);
  if (model) return (model.inputModalities ?? []).includes("IMAGE");
  return !/meta\.llama3-(?:1-|3-|70b|8b)|meta\.llama3-2-(?:1b|3b)|amazon\.nova-micro|deepseek\.|anthropic\.claude-3-5-haiku|mistral\.mistral-|openai\.gpt-oss|qwen\.qwen3-(?:32b|235b|coder|next)/.test(baseModelId);
}

/** Video input, from the catalog's modalities (Nova Lite, Pro, Premier list VIDEO); a model not listed takes none. */
export function takesVideo(catalog: Catalog, baseModelId: string): boolean {
  return (catalog.foundationModels.find((m) => m.modelId === baseModelId)?.inputModalities ?? []).includes("VIDEO");
}

export function applicationProfile(options: { id: string; name: string; region: string; account: string; baseModelId: string }): InferenceProfile {
  return {
    inferenceProfileName: options.name,
    description: "Application inference profile for cost tracking",
    createdAt: "2026-03-01T00:00:00+00:00",
    updatedAt: "2026-03-01T00:00:00+00:00",
    inferenceProfileArn: `arn:aws:bedrock:${options.region}:${options.account}:application-inference-profile/${options.id}`,
    models: [{ modelArn: `arn:aws:bedrock:${options.region}::foundation-model/${options.baseModelId}` }],
    inferenceProfileId: options.id,
    status: "ACTIVE",
    type: "APPLICATION",
  };
}

export function listFoundationModels(catalog: Catalog, query: URLSearchParams): { modelSummaries: FoundationModel[] } {
  const provider = query.get("byProvider")?.toLowerCase();
  const output = query.get("byOutputModality");
  const inference = query.get("byInferenceType");
  const customization = query.get("byCustomizationType");
  const modelSummaries = catalog.foundationModels.filter(
    (m) =>
      (!provider || m.providerName?.toLowerCase() === provider || m.modelId.split(".")[0] === provider) &&
      (!output || (m.outputModalities ?? []).includes(output)) &&
      (!inference || (m.inferenceTypesSupported ?? []).includes(inference)) &&
      (!customization || (m.customizationsSupported ?? []).includes(customization)),
  );
  return { modelSummaries };
}

export function getFoundationModel(catalog: Catalog, id: string): { modelDetails: FoundationModel } {
  const model = findFoundationModel(catalog, id);
  if (!model) throw new AwsError(404, "ResourceNotFoundException", `The model ${id} could not be found.`);
  return { modelDetails: model };
}

/** `pageSize`: the service may return fewer than maxResults per page (as AWS does); the client must follow nextToken. */
export function listInferenceProfiles(catalog: Catalog, query: URLSearchParams, pageSize = 1000): { inferenceProfileSummaries: InferenceProfile[]; nextToken?: string } {
  const type = query.get("type");
  const all = catalog.inferenceProfiles.filter((p) => !type || p.type === type);
  const asked = Number(query.get("maxResults") ?? 1000);
  if (!Number.isInteger(asked) || asked < 1 || asked > 1000) {
    throw new AwsError(400, "ValidationException", "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000");
  }
  const start = query.get("nextToken") ? Number(Buffer.from(query.get("nextToken")!, "base64url").toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsError(400, "ValidationException", "Invalid pagination token");
  const maxResults = Math.min(asked, pageSize);
  const page = all.slice(start, start + maxResults);
  const next = start + maxResults < all.length ? Buffer.from(String(start + maxResults)).toString("base64url") : undefined;
  return next ? { inferenceProfileSummaries: page, nextToken: next } : { inferenceProfileSummaries: page };
}

export function getInferenceProfile(catalog: Catalog, id: string): InferenceProfile {
  const profile = findProfile(catalog, id);
  if (!profile) throw new AwsError(404, "ResourceNotFoundException", `Inference profile ${id} not found.`);
  return profile;
}

export function getFoundationModelAvailability(catalog: Catalog, id: string, deniedModels: Set<string>) {
  const model = findFoundationModel(catalog, id);
  if (!model) throw new AwsError(404, "ResourceNotFoundException", `The model ${id} could not be found.`);
  const denied = deniedModels.has(model.modelId);
  return {
    modelId: model.modelId,
    agreementAvailability: { status: denied ? "NOT_AVAILABLE" : "AVAILABLE" },
    authorizationStatus: denied ? "NOT_AUTHORIZED" : "AUTHORIZED",
    entitlementAvailability: denied ? "NOT_AVAILABLE" : "AVAILABLE",
    regionAvailability: "AVAILABLE",
  };
}

function findFoundationModel(catalog: Catalog, id: string): FoundationModel | undefined {
  const bare = id.startsWith("arn:") ? id.slice(id.indexOf("foundation-model/") + "foundation-model/".length) : id;
  return catalog.foundationModels.find((m) => m.modelId === bare);
}

function findProfile(catalog: Catalog, id: string): InferenceProfile | undefined {
  return catalog.inferenceProfiles.find((p) => p.inferenceProfileId === id || p.inferenceProfileArn === id);
}

/**
 * Decides whether `modelId` can be invoked as written, answering as Bedrock does when it can't:
 * profile-only models by bare id, LEGACY models, non-text models, unknown ids, models without access.
 */
export function resolveInvocation(catalog: Catalog, modelId: string, deniedModels: Set<string>): { baseModelId: string } {
  const profile = findProfile(catalog, modelId);
  if (profile) {
    if (profile.status !== "ACTIVE") throw new AwsError(400, "ValidationException", "The provided model identifier is invalid.");
    const base = profile.models[0]?.modelArn.split("foundation-model/")[1] ?? modelId;
    if (deniedModels.has(base)) throw new AwsError(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");
    return { baseModelId: base };
  }
  const model = findFoundationModel(catalog, modelId);
  if (!model) throw new AwsError(400, "ValidationException", "The provided model identifier is invalid.");
  if (model.modelLifecycle?.status === "LEGACY") {
    throw new AwsError(404, "ResourceNotFoundException", "This model version has reached the end of its life. Please refer to the AWS documentation for more details.");
  }
  if (!(model.outputModalities ?? []).includes("TEXT")) {
    throw new AwsError(400, "ValidationException", "This action doesn't support the model that you provided. Try again with a supported text or chat model.");
  }
  const types = model.inferenceTypesSupported ?? [];
  if (!types.includes("ON_DEMAND")) {
    throw new AwsError(
      400,
      "ValidationException",
      `Invocation of model ID ${model.modelId} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  }
  if (deniedModels.has(model.modelId)) throw new AwsError(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");
  return { baseModelId: model.modelId };
}

export interface ConverseInput {
  messages?: { role: string; content: { text?: string }[] }[];
  system?: { text?: string }[];
  inferenceConfig?: { maxTokens?: number };
}

/** The emulated reply: the configured text, cut at maxTokens (four characters a token). */
export function plannedReply(input: ConverseInput, replyText: string): { text: string; inputTokens: number; outputTokens: number; stopReason: string } {
  const prompt = [...(input.system ?? []).map((s) => s.text ?? ""), ...(input.messages ?? []).flatMap((m) => m.content.map((c) => c.text ?? ""))].join(" ");
  const maxTokens = input.inferenceConfig?.maxTokens ?? 4096;
  const fullTokens = Math.ceil(replyText.length / 4);
  const text = fullTokens > maxTokens ? replyText.slice(0, maxTokens * 4) : replyText;
  return { text, inputTokens: Math.max(1, Math.ceil(prompt.length / 4)), outputTokens: Math.ceil(text.length / 4), stopReason: fullTokens > maxTokens ? "max_tokens" : "end_turn" };
}

export function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks.length > 0 ? chunks : [""];
}
