// OpenClaw's context -> one Converse request, following the service's rules (a wrong request is a 400 from
// Bedrock, not a warning): alternating turns from a user turn, no blank text, tool names Bedrock accepts, tool
// results beside the calls they answer, images it can take, output tokens within the model's limit. Pure.
import { findKnownModel, modelFamily } from "../bedrock/model-limits.js";
import type { ModelFamily } from "../bedrock/model-families.js";
import type { CachePoint, Context, ConverseBlock, ConverseRequest, ConverseTurn, ImageContent, ImageFormat, Message, Model, StreamOptions, TextContent } from "./types.js";
import { ToolNames } from "./tool-names.js";
import { BEDROCK_API } from "../plugin/ids.js";

/** Bedrock's limits on an image block (Converse API reference: ImageBlock). */
export const MAX_IMAGE_BYTES = 3_750_000;
export const MAX_IMAGES = 20;

/** A request Bedrock would refuse, caught before it is sent, with what to change. */
export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RequestError";
  }
}

export interface BuiltRequest {
  request: ConverseRequest;
  /** Maps the names Bedrock sees back to OpenClaw's tool names. */
  toolNames: ToolNames;
}

export function buildConverseRequest(model: Model, context: Context, options: StreamOptions = {}): BuiltRequest {
  const toolNames = new ToolNames((context.tools ?? []).map((tool) => tool.name));
  const messages = toTurns(context.messages, model, toolNames);
  const request: ConverseRequest = { modelId: model.id, messages };
  const family = modelFamily(capabilityId(model));
  const system = systemBlocks(context.systemPrompt ?? "");
  if (system.length > 0) request.system = system;
  const thinking = thinkingFor(family, options.reasoning);
  request.inferenceConfig = inferenceConfig(model, options, family, thinking?.budget);
  if (thinking) request.additionalModelRequestFields = thinking.fields;
  const toolConfig = buildToolConfig(context, messages, toolNames);
  if (toolConfig) request.toolConfig = toolConfig;
  addCachePoints(request, family, options.cacheRetention);
  return { request, toolNames };
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

/** OpenClaw's thinking levels as budgets (OpenClaw's own defaults; xhigh between high and max). */
const THINKING_BUDGETS: Record<string, number> = { minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 24576, max: 32768 };
const NOVA_EFFORT: Record<string, "low" | "medium" | "high"> = { minimal: "low", low: "low", medium: "medium", high: "high", xhigh: "high", max: "high" };

/** What the model takes for this thinking level: nothing for `off`, for models that don't reason, or always do. */
function thinkingFor(family: ModelFamily, level: string | undefined): { fields: Record<string, unknown>; budget?: number } | undefined {
  if (!level || level === "off" || !(level in THINKING_BUDGETS)) return undefined;
  switch (family.reasoning) {
    case "budget":
      return { fields: { thinking: { type: "enabled", budget_tokens: THINKING_BUDGETS[level]! } }, budget: THINKING_BUDGETS[level]! };
    case "adaptive":
      return { fields: { thinking: { type: "adaptive" } } };
    case "effort":
      return { fields: { reasoningConfig: { type: "enabled", maxReasoningEffort: NOVA_EFFORT[level]! } } };
    default:
      return undefined;
  }
}

/**
 * maxTokens from the call, else the model; never above the model's known output limit, and above a thinking
 * budget (which shrinks to fit when the limit is close). Thinking takes no temperature or top_p.
 */
function inferenceConfig(model: Model, options: StreamOptions, family: ModelFamily, thinkingBudget: number | undefined): NonNullable<ConverseRequest["inferenceConfig"]> {
  const limit = findKnownModel(capabilityId(model))?.out ?? model.maxTokens;
  const wanted = options.maxTokens ?? model.maxTokens;
  const config: NonNullable<ConverseRequest["inferenceConfig"]> = { maxTokens: Math.max(1, Math.min(wanted, limit)) };
  if (thinkingBudget !== undefined) config.maxTokens = Math.min(Math.max(config.maxTokens!, thinkingBudget + 1024), limit);
  if (options.stop && options.stop.length > 0) config.stopSequences = options.stop;
  // Claude thinks only at temperature 1 and without top_p; Nova's reasoning takes neither.
  if (thinkingBudget !== undefined || (family.reasoning === "adaptive" && options.reasoning && options.reasoning !== "off")) return { ...config, temperature: 1 };
  if (family.reasoning === "effort" && options.reasoning && options.reasoning !== "off") return config;
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
function addCachePoints(request: ConverseRequest, family: ModelFamily, retention: StreamOptions["cacheRetention"]): void {
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
  const lastUser = request.messages.findLastIndex((turn) => turn.role === "user");
  for (const [i, turn] of request.messages.entries()) {
    if (i > lastUser) break;
    chars += JSON.stringify(turn.content).length;
  }
  if (lastUser !== -1 && longEnough()) request.messages[lastUser]!.content.push(point);
}

/** Turns in Converse order: user first, alternating, consecutive same-side messages merged, tool results first. */
function toTurns(messages: readonly Message[], model: Model, toolNames: ToolNames): ConverseTurn[] {
  const turns: ConverseTurn[] = [];
  let images = 0;
  const countImage = () => {
    if (++images > MAX_IMAGES) throw new RequestError(`the conversation holds more than ${MAX_IMAGES} images, the most Bedrock takes in one request: start a new session or send fewer images`);
  };
  for (const message of messages) {
    let role: ConverseTurn["role"];
    let blocks: ConverseBlock[];
    if (message.role === "assistant") {
      if (message.stopReason === "error" || message.stopReason === "aborted") {
        if (!message.content.some((block) => block.type === "toolCall")) continue; // a failed turn has nothing to replay
      }
      role = "assistant";
      blocks = assistantBlocks(message, model, toolNames);
    } else if (message.role === "toolResult") {
      role = "user";
      const content = message.content.flatMap((block) => (block.type === "text" ? textBlock(block.text) : (countImage(), [imageBlock(block)])));
      blocks = [{ toolResult: { toolUseId: message.toolCallId, content: content.length > 0 ? content : [{ text: "(no output)" }], status: message.isError ? "error" : "success" } }];
    } else {
      role = "user";
      const content = typeof message.content === "string" ? [{ type: "text", text: message.content } as TextContent] : message.content;
      blocks = content.flatMap((block) => (block.type === "text" ? textBlock(block.text) : (countImage(), [imageBlock(block)])));
    }
    if (blocks.length === 0) continue;
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  }
  for (const turn of turns) if (turn.role === "user") turn.content.sort((a, b) => Number("toolResult" in b) - Number("toolResult" in a));
  pairToolResults(turns);
  if (turns[0]?.role !== "user") turns.unshift({ role: "user", content: [{ text: "(The conversation continues.)" }] });
  return turns;
}

function assistantBlocks(message: Extract<Message, { role: "assistant" }>, model: Model, toolNames: ToolNames): ConverseBlock[] {
  // Reasoning goes back only to the model family that wrote it, with its signature (or as the same redacted bytes).
  const sameProvider = message.api === BEDROCK_API && message.provider === model.provider;
  const blocks: ConverseBlock[] = [];
  for (const block of message.content) {
    if (block.type === "text") blocks.push(...textBlock(block.text));
    else if (block.type === "thinking") {
      if (!sameProvider || !block.thinkingSignature) continue;
      blocks.push(
        block.redacted
          ? { reasoningContent: { redactedContent: Buffer.from(block.thinkingSignature, "base64") } }
          : { reasoningContent: { reasoningText: { text: block.thinking, signature: block.thinkingSignature } } },
      );
    } else {
      const input = block.arguments && typeof block.arguments === "object" && !Array.isArray(block.arguments) ? block.arguments : {};
      blocks.push({ toolUse: { toolUseId: block.id, name: toolNames.toBedrock(block.name), input } });
    }
  }
  return blocks;
}

/**
 * Bedrock requires every toolUse to be answered by a toolResult in the next user turn, and every toolResult to
 * answer a toolUse of the turn before: an unanswered call gets an error result, a stray result becomes text.
 */
function pairToolResults(turns: ConverseTurn[]): void {
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.role !== "user") continue;
    const previous = turns[i - 1];
    const asked = new Set(previous?.role === "assistant" ? previous.content.flatMap((b) => ("toolUse" in b ? [b.toolUse.toolUseId] : [])) : []);
    const answered = new Set<string>();
    turn.content = turn.content.map((block) => {
      if (!("toolResult" in block)) return block;
      if (asked.has(block.toolResult.toolUseId) && !answered.has(block.toolResult.toolUseId)) {
        answered.add(block.toolResult.toolUseId);
        return block;
      }
      const text = block.toolResult.content.flatMap((c) => ("text" in c ? [c.text] : [])).join("\n");
      return { text: `(result of an earlier tool call ${block.toolResult.toolUseId}) ${text}`.trim() };
    });
    const missing = [...asked].filter((id) => !answered.has(id));
    turn.content.unshift(...missing.map((id): ConverseBlock => ({ toolResult: { toolUseId: id, content: [{ text: "No result provided." }], status: "error" } })));
  }
  const last = turns[turns.length - 1];
  if (last?.role === "assistant" && last.content.some((b) => "toolUse" in b)) {
    const ids = last.content.flatMap((b) => ("toolUse" in b ? [b.toolUse.toolUseId] : []));
    turns.push({ role: "user", content: ids.map((id) => ({ toolResult: { toolUseId: id, content: [{ text: "No result provided." }], status: "error" as const } })) });
  }
}

function buildToolConfig(context: Context, turns: ConverseTurn[], toolNames: ToolNames): ConverseRequest["toolConfig"] {
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
function plainJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

type MediaBlock = { text: string } | Extract<ConverseBlock, { image: unknown }>;

function textBlock(text: string): MediaBlock[] {
  return text.trim() ? [{ text }] : [];
}

function imageBlock(image: ImageContent): MediaBlock {
  const bytes = Buffer.from(image.data, "base64");
  const format = imageFormat(bytes);
  if (!format) throw new RequestError(`an image (${image.mimeType}) is not PNG, JPEG, GIF or WebP, the formats Bedrock takes: convert it first`);
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new RequestError(`an image is ${(bytes.length / 1e6).toFixed(1)} MB, above the ${MAX_IMAGE_BYTES / 1e6} MB Bedrock takes per image: resize or compress it`);
  }
  return { image: { format, source: { bytes } } };
}

/** The format from the bytes themselves (a file's declared type can be wrong). */
export function imageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "webp";
  return undefined;
}
