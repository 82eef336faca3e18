// OpenClaw's context -> one Converse request, following the service's rules (a wrong request is a 400 from
// Bedrock, not a warning): the history as the model can take it (converse-history.ts), thinking as the model's
// family asks for it (thinking.ts), sampling only where the model takes it, output tokens within the model's
// limit, cache points before OpenClaw's per-turn context. Pure.
import type { DocumentType } from "@smithy/types";
import { findKnownModel, modelFamily } from "../bedrock/model-limits.js";
import type { ModelFamily } from "../bedrock/model-families.js";
import { withLearned, type LearnedRule, type SentParameters } from "../bedrock/learned-rules.js";
import type { CachePoint, Context, ConverseBlock, ConverseRequest, Model, StreamOptions } from "./types.js";
import { ToolIds, ToolNames } from "./tool-names.js";
import { retellToolTurn, toTurns, unreplayableToolTurn } from "./converse-history.js";
import { maxTokensForBudget, planThinking, type ThinkingPlan } from "./thinking.js";

export { imageFormat, MAX_IMAGE_BYTES, MAX_IMAGES, MAX_VIDEO_PAYLOAD_BYTES, RequestError, takesVideo, videoFormat } from "./converse-history.js";

export interface BuiltRequest {
  request: ConverseRequest;
  /** Maps the names Bedrock sees back to OpenClaw's tool names. */
  toolNames: ToolNames;
  /** Maps the tool-call ids Bedrock sees back to OpenClaw's. */
  toolIds: ToolIds;
  /** The family the request was built for (the table's, with any learned rule on top). */
  family: ModelFamily;
  /** What the request carries that a refusal may be about (for learning from one). */
  sent: SentParameters;
}

export function buildConverseRequest(model: Model, context: Context, options: StreamOptions = {}, learned?: LearnedRule): BuiltRequest {
  const capability = capabilityId(model);
  const family = withLearned(modelFamily(capability), learned);
  const toolNames = new ToolNames((context.tools ?? []).map((tool) => tool.name));
  const toolIds = new ToolIds();
  const { turns: messages, volatile } = toTurns(context.messages, { model, capabilityId: capability, family, toolNames, toolIds });
  const request: ConverseRequest = { modelId: model.id, messages };
  const system = systemBlocks(context.systemPrompt ?? "");
  if (system.length > 0) request.system = system;
  const limit = findKnownModel(capability)?.out ?? model.maxTokens;
  const wanted = Math.max(1, Math.min(options.maxTokens ?? model.maxTokens, limit));
  const maxTokens = family.reasoning === "budget" ? maxTokensForBudget(options.reasoning, wanted, limit) : wanted;
  let thinking = planThinking({ family, level: options.reasoning, maxTokens, govCloud: isGovCloud(model) });
  // The turn a tool result answers must start with its reasoning when thinking is on: without one to replay, this
  // request goes without thinking, or, for a model that always thinks, with that round trip retold as text.
  if (thinking.thinks && thinking.fields) {
    const at = unreplayableToolTurn(messages);
    if (at !== -1) {
      if (family.alwaysThinks) retellToolTurn(messages, at);
      else thinking = { thinks: false };
    }
  }
  request.inferenceConfig = inferenceConfig(model, options, family, thinking, thinking.budget !== undefined ? maxTokens : wanted);
  if (thinking.fields) request.additionalModelRequestFields = thinking.fields;
  if (family.stopDetails) request.additionalModelResponseFieldPaths = ["/stop_details"];
  const toolConfig = buildToolConfig(context, messages, toolNames);
  if (toolConfig) request.toolConfig = toolConfig;
  addCachePoints(request, family, options.cacheRetention, volatile);
  const sent: SentParameters = {
    temperature: request.inferenceConfig.temperature !== undefined,
    topP: request.inferenceConfig.topP !== undefined,
    budgetThinking: thinking.budget !== undefined,
    effort: Boolean(thinking.fields && "output_config" in thinking.fields),
    thinking: thinking.fields !== undefined,
  };
  return { request, toolNames, toolIds, family, sent };
}

/** GovCloud's Converse refuses Claude's `thinking.display`. */
function isGovCloud(model: Model): boolean {
  return model.id.startsWith("us-gov.") || model.id.startsWith("arn:aws-us-gov:") || /bedrock-runtime(?:-fips)?\.us-gov-/.test(model.baseUrl ?? "");
}

// OpenClaw marks where the stable part of its system prompt ends (the plugin declares it can take the marker),
// and a region of runtime facts it may move; neither marker is for the model.
const CACHE_BOUNDARY = "\n<!-- OPENCLAW_CACHE_BOUNDARY -->\n";
const RELOCATABLE_MARKERS = ["\n<!-- OPENCLAW-RELOCATABLE-BOUNDARY -->\n", "\n<!-- /OPENCLAW-RELOCATABLE-BOUNDARY -->", "<!-- OPENCLAW-RELOCATABLE-BOUNDARY -->", "<!-- /OPENCLAW-RELOCATABLE-BOUNDARY -->"];

/** The system prompt as blocks: the stable prefix and the dynamic rest apart, so a cache point can go between. */
function systemBlocks(prompt: string): { text: string }[] {
  let text = prompt;
  for (const marker of RELOCATABLE_MARKERS) text = text.replaceAll(marker, marker.startsWith("\n<!-- OPENCLAW") ? "\n" : "");
  const at = text.indexOf(CACHE_BOUNDARY);
  const parts = at === -1 ? [text] : [text.slice(0, at).trimEnd(), text.slice(at + CACHE_BOUNDARY.length).trimStart().replaceAll(CACHE_BOUNDARY, "\n")];
  return parts.filter((part) => part.trim() !== "").map((part) => ({ text: part }));
}

/**
 * The id whose capabilities apply: an application profile (an ARN) or a system profile is its base model,
 * which discovery records in the model's params.
 */
export function capabilityId(model: Model): string {
  const base = model.params?.bedrockBaseModelId;
  return typeof base === "string" && base ? base : model.id;
}

/**
 * maxTokens as worked out by the caller; sampling only where the model takes it. Claude thinks only at temperature
 * 1 (or unset) and without top_p; Nova's reasoning takes neither; the newest Claude models take no sampling at all.
 */
function inferenceConfig(model: Model, options: StreamOptions, family: ModelFamily, thinking: ThinkingPlan, maxTokens: number): NonNullable<ConverseRequest["inferenceConfig"]> {
  const config: NonNullable<ConverseRequest["inferenceConfig"]> = { maxTokens };
  if (options.stop && options.stop.length > 0) config.stopSequences = options.stop;
  if (family.noSampling) return config;
  if (thinking.thinks && thinking.fields) return family.reasoning === "effort" ? config : { ...config, temperature: 1 };
  if (options.temperature !== undefined) config.temperature = options.temperature;
  const topP = model.params?.topP ?? model.params?.top_p;
  // Claude models from Sonnet 4.5 on refuse temperature and top_p together; temperature wins.
  if (typeof topP === "number" && !(config.temperature !== undefined && family.temperatureOrTopP)) config.topP = topP;
  return config;
}

/** Bedrock takes at most four checkpoints per request. */
export const MAX_CACHE_POINTS = 4;

/**
 * Prompt-cache checkpoints after the tools, after the system prompt and on the latest user turn, for models
 * whose family caches, each only where the prefix before it is long enough to be cached (Bedrock's minimum
 * for the model; four characters a token). The cached prefix runs tools, then system, then messages.
 */
function addCachePoints(request: ConverseRequest, family: ModelFamily, retention: StreamOptions["cacheRetention"], volatile?: ConverseBlock): void {
  const cache = family.cache;
  if (!cache || retention === "none") return;
  const point: CachePoint = { cachePoint: retention === "long" && cache.ttls.includes("1h") ? { type: "default", ttl: "1h" } : { type: "default" } };
  let chars = 0;
  let placed = 0;
  const longEnough = () => chars / 4 >= cache.minTokens && placed < MAX_CACHE_POINTS;
  if (request.toolConfig) {
    chars += JSON.stringify(request.toolConfig.tools).length;
    if (cache.tools && longEnough()) {
      request.toolConfig.tools.push(point);
      placed++;
    }
  }
  if (request.system) {
    // After the stable prefix when OpenClaw marked one (it is the first block), else after the whole prompt.
    const stable = request.system.length > 1 ? 1 : request.system.length;
    chars += request.system.slice(0, stable).reduce((n, block) => n + ("text" in block ? block.text.length : 0), 0);
    if (longEnough()) {
      request.system.splice(stable, 0, point);
      placed++;
    }
    chars += request.system.slice(stable).reduce((n, block) => n + ("text" in block ? block.text.length : 0), 0);
  }
  // The latest user turn ends the cached prefix, except OpenClaw's per-turn runtime context: the point goes before it.
  let lastUser = request.messages.findLastIndex((turn) => turn.role === "user");
  let at = lastUser === -1 ? -1 : request.messages[lastUser]!.content.length;
  if (volatile && lastUser !== -1) {
    const index = request.messages[lastUser]!.content.indexOf(volatile);
    if (index > 0) at = index;
    else if (index === 0) {
      lastUser = request.messages.findLastIndex((turn, i) => turn.role === "user" && i < lastUser);
      at = lastUser === -1 ? -1 : request.messages[lastUser]!.content.length;
    }
  }
  for (const [i, turn] of request.messages.entries()) {
    if (i > lastUser) break;
    chars += JSON.stringify(i === lastUser ? turn.content.slice(0, at) : turn.content).length;
  }
  if (lastUser !== -1 && longEnough()) request.messages[lastUser]!.content.splice(at, 0, point);
}

function buildToolConfig(context: Context, turns: ConverseRequest["messages"], toolNames: ToolNames): ConverseRequest["toolConfig"] {
  const tools = (context.tools ?? []).map((tool) => ({
    toolSpec: { name: toolNames.toBedrock(tool.name), ...(tool.description?.trim() ? { description: tool.description } : {}), inputSchema: { json: plainJson(tool.parameters) ?? { type: "object", properties: {} } } },
  }));
  // Tool blocks in the history need a toolConfig even when no tool is offered now: declare the names they use.
  const offered = new Set(tools.map((t) => t.toolSpec.name));
  for (const turn of turns) {
    for (const block of turn.content) {
      if ("toolUse" in block && !offered.has(block.toolUse.name)) {
        offered.add(block.toolUse.name);
        tools.push({ toolSpec: { name: block.toolUse.name, description: "No longer offered in this conversation.", inputSchema: { json: { type: "object", properties: {} } } } });
      }
    }
  }
  return tools.length > 0 ? { tools } : undefined;
}

/** A JSON schema as plain data (TypeBox schemas carry symbol keys the SDK would choke on). */
/** A value as JSON carries it (what the service receives), typed as the SDK's document. */
function plainJson(value: unknown): DocumentType | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as DocumentType);
}

