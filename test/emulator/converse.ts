// What ConverseStream checks and answers: the service's request rules (each a ValidationException worded as
// Bedrock words it), and the reply a test asks for through directives in the latest user text:
//   [[emulator:tool NAME {json}]]   ask for a tool call (its input streamed in fragments); when the turn holds
//                                   tool results instead, the reply quotes them
//   [[emulator:stop REASON]]        end with this stop reason (guardrail_intervened, content_filtered, ...)
//   [[emulator:slow MS]]            wait MS between chunks (for aborts mid-stream)
//   [[emulator:redacted]]           with thinking on, the reasoning comes redacted
//   [[emulator:refuse CATEGORY]]    the model starts answering, then refuses (stop reason refusal; the category in
//                                   stop_details when the request asked for /stop_details)
// With thinking requested (or on a model that always thinks), the reply starts with reasoning signed by the
// emulator for that model family; a signature or redacted bytes sent back altered, to another family, or redacted
// bytes to another model, is the service's 400. Each model's rules (sampling, kinds of thinking, effort levels,
// output limits, images) follow Bedrock's model cards and Anthropic's migration guides: serviceRules() below. Cache points are accounted as Bedrock does: the prefix up to
// the last one (tools, then system, then messages) is written on first sight and read after.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { AwsError } from "./errors.ts";

const SIGNING_KEY = "bedrock-emulator-reasoning";
/** Claude's reasoning signatures verify across Claude models (one signer), never on another vendor's model. */
export const signReasoning = (text: string, signer = "anthropic") => createHmac("sha256", `${SIGNING_KEY}:${signer}`).update(text).digest("base64");
/** Redacted reasoning the emulator has handed out (base64), and the model that wrote it: only it takes the bytes back. */
const issuedRedacted = new Map<string, string>();

export interface ConverseBlock {
  text?: string;
  image?: { format?: string; source?: { bytes?: string } };
  video?: { format?: string; source?: { bytes?: string } };
  toolUse?: { toolUseId?: string; name?: string; input?: unknown };
  toolResult?: { toolUseId?: string; content?: { text?: string; json?: unknown }[]; status?: string };
  reasoningContent?: { reasoningText?: { text?: string; signature?: string }; redactedContent?: string };
  cachePoint?: { type?: string; ttl?: string };
}

type Effort = "low" | "medium" | "high" | "xhigh" | "max";
const ALL_EFFORTS: Effort[] = ["low", "medium", "high", "xhigh", "max"];

/** What the service takes from a model, by Claude generation (other vendors: what the older tables below say). */
export interface ServiceRules {
  claude: boolean;
  /** `enabled` (budget), `adaptive`, both, or neither. */
  thinking: { budget: boolean; adaptive: boolean };
  /** Thinks whatever the request says: `disabled` is refused, and a reply always starts with reasoning. */
  alwaysThinks: boolean;
  /** `thinking.type.disabled` refused (the adaptive-only generation). */
  noDisabled: boolean;
  efforts: Effort[];
  noSampling: boolean;
}

export function serviceRules(baseModelId: string): ServiceRules {
  // Any line: a Claude line that ships after this emulator's tables (`claude-saga-6`) follows the newest generation.
  const claude = /^anthropic\.claude-([a-z]+)-(?:(preview)|(\d+)(?:-(\d{1,2}))?)(?=$|[-:])/.exec(baseModelId);
  const none: ServiceRules = { claude: baseModelId.startsWith("anthropic.claude"), thinking: { budget: THINKING.test(baseModelId), adaptive: false }, alwaysThinks: false, noDisabled: false, efforts: [], noSampling: false };
  if (!claude) return none;
  const [line, preview, major, minor] = [claude[1]!, Boolean(claude[2]), Number(claude[3] ?? 0), Number(claude[4] ?? 0)];
  const version = major * 100 + minor;
  const adaptiveOnly = { ...none, thinking: { budget: false, adaptive: true }, noDisabled: true, noSampling: true, efforts: ALL_EFFORTS };
  if (line === "mythos" && preview) return { ...adaptiveOnly, alwaysThinks: true, efforts: ["low", "medium", "high"] };
  if (line === "fable" || line === "mythos" || ((line === "opus" || line === "sonnet") && version >= 500)) return { ...adaptiveOnly, alwaysThinks: true };
  if (!["opus", "sonnet", "haiku"].includes(line)) return version >= 500 ? adaptiveOnly : none;
  if (version >= 407) return adaptiveOnly;
  if (version === 406) return { ...none, thinking: { budget: true, adaptive: true }, efforts: ["low", "medium", "high", "max"] };
  return none;
}

export interface ConverseRequestBody {
  messages?: { role?: string; content?: ConverseBlock[] }[];
  system?: { text?: string; cachePoint?: unknown }[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number };
  toolConfig?: { tools?: { toolSpec?: { name?: string }; cachePoint?: unknown }[] };
  additionalModelRequestFields?: { thinking?: { type?: string; budget_tokens?: number; display?: string }; output_config?: { effort?: string }; reasoningConfig?: unknown; top_k?: number };
  additionalModelResponseFieldPaths?: string[];
  guardrailConfig?: { guardrailIdentifier?: string; guardrailVersion?: string; trace?: string; streamProcessingMode?: string };
  serviceTier?: { type?: string };
  performanceConfig?: { latency?: string };
}

/** Models that cache prompts, and Claude models that think, as Bedrock serves them. */
const CACHING = /anthropic\.claude-(3-5-haiku|3-7-sonnet|sonnet-|opus-|haiku-4|haiku-5|fable-|mythos-)|amazon\.nova-/;
const THINKING = /anthropic\.claude-(3-7-sonnet|sonnet-4|opus-4|haiku-4-5)/;

/** Output limits the emulator enforces, as the service does for these models (the rest are not checked). */
const OUTPUT_LIMITS: [RegExp, number][] = [
  [/anthropic\.claude-(opus-4-[6-9]|opus-[5-9]|sonnet-[5-9]|haiku-5|fable|mythos)/, 128_000],
  [/anthropic\.claude-(haiku|sonnet)-4-[56]/, 64_000],
  [/anthropic\.claude-opus-4-1/, 32_000],
  [/anthropic\.claude-3-haiku/, 4_096],
  [/amazon\.nova-(micro|lite|pro)/, 10_000],
];
/** Claude models from Sonnet 4.5 on refuse temperature and top_p together. */
const NO_TEMPERATURE_WITH_TOP_P = /anthropic\.claude-(sonnet-4-5|haiku-4-5|opus-4-[1-9])/;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const TOOL_USE_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_IMAGE_BYTES = 3_750_000;

const invalid = (message: string) => new AwsError(400, "ValidationException", message);

/** Throws the ValidationException Bedrock answers a request with, or returns when the request is well formed. */
const VIDEO_FORMATS = ["mkv", "mov", "mp4", "webm", "flv", "mpeg", "mpg", "wmv", "three_gp"];
/** Nova: a request carrying a video inline stays within 25 MB (the video's base64 counts). */
const MAX_VIDEO_PAYLOAD_BYTES = 25_000_000;

export function validateConverse(modelId: string, baseModelId: string, body: ConverseRequestBody, readsImages = true, readsVideo = false): void {
  const messages = body.messages ?? [];
  const videos = messages.flatMap((message, m) => (message.content ?? []).flatMap((block, c) => (block.video ? [{ video: block.video, at: `messages.${m}.content.${c}` }] : [])));
  // The emulator's own wording for the rules the Nova user guide states (one video, 25 MB inline, the formats).
  if (videos.length > 0 && !readsVideo) throw invalid("This model doesn't support the video content block that you provided. Try again with a supported content block.");
  if (videos.length > 1) throw invalid(`Too many videos: the request holds ${videos.length}, and a request takes one video.`);
  for (const { video, at } of videos) {
    if (!VIDEO_FORMATS.includes(video.format ?? "")) {
      throw invalid(`1 validation error detected: Value '${video.format}' at '${at}.video.format' failed to satisfy constraint: Member must satisfy enum value set: [${VIDEO_FORMATS.join(", ")}]`);
    }
    if ((video.source?.bytes ?? "").length > MAX_VIDEO_PAYLOAD_BYTES) throw invalid(`${at}.video.source.bytes: the video is larger than the 25 MB a request takes inline; use an S3 location`);
  }
  if (messages.length === 0 || messages[0]?.role !== "user") {
    throw invalid("A conversation must start with a user message. Try again with a conversation that starts with a user message.");
  }
  const tools = (body.toolConfig?.tools ?? []).filter((tool) => !tool.cachePoint);
  tools.forEach((tool, i) => {
    const name = tool.toolSpec?.name ?? "";
    if (!TOOL_NAME.test(name)) {
      throw invalid(`1 validation error detected: Value '${name}' at 'toolConfig.tools.${i + 1}.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`);
    }
  });
  let usesTools = false;
  messages.forEach((message, m) => {
    if (m > 0 && message.role === messages[m - 1]!.role) {
      throw invalid("A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.");
    }
    const content = message.content ?? [];
    if (content.length === 0) throw invalid(`The content field in the Message object at messages.${m} is empty. Add a ContentBlock object to the content field and try again.`);
    content.forEach((block, c) => {
      if (block.text !== undefined && block.text.trim() === "") {
        throw invalid(`The text field in the ContentBlock object at messages.${m}.content.${c} is blank. Add text to the text field, and try again.`);
      }
      if (block.image && Buffer.from(block.image.source?.bytes ?? "", "base64").length > MAX_IMAGE_BYTES) {
        throw invalid(`messages.${m}.content.${c}.image.source.bytes size must be less than 3.75MB`);
      }
      const images = [block.image, ...(block.toolResult?.content ?? []).map((r) => (r as ConverseBlock).image)].filter(Boolean);
      // The emulator's own wording: no source gives the service's for an image to a text-only model.
      if (images.length > 0 && !readsImages) throw invalid("This model doesn't support the image content block that you provided. Try again with a supported content block.");
      for (const [field, id] of [["toolUse", block.toolUse?.toolUseId], ["toolResult", block.toolResult?.toolUseId]] as const) {
        if (id !== undefined && !TOOL_USE_ID.test(id)) {
          throw invalid(`1 validation error detected: Value '${id}' at 'messages.${m + 1}.member.content.${c + 1}.member.${field}.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`);
        }
      }
      if (block.toolUse || block.toolResult) usesTools = true;
    });
    // Every toolUse of an assistant turn is answered in the next user turn, and only those.
    if (message.role === "user" && m > 0) {
      const asked = (messages[m - 1]!.content ?? []).flatMap((b) => (b.toolUse ? [b.toolUse.toolUseId ?? ""] : []));
      const answered = content.flatMap((b) => (b.toolResult ? [b.toolResult.toolUseId ?? ""] : []));
      if (asked.length > 0 || answered.length > 0) {
        const missing = asked.filter((id) => !answered.includes(id));
        const extra = answered.filter((id) => !asked.includes(id));
        if (missing.length > 0 || extra.length > 0) {
          throw invalid(`Expected toolResult blocks at messages.${m}.content for the following Ids: ${asked.join(", ")}, but found: ${answered.join(", ")}`);
        }
      }
    }
  });
  if (usesTools && tools.length === 0) throw invalid("The toolConfig field must be defined when using toolUse and toolResult content blocks.");
  validateCachePoints(baseModelId, body);
  const config = body.inferenceConfig ?? {};
  if (serviceRules(baseModelId).noSampling) {
    const sampling = config.temperature !== undefined ? "temperature" : config.topP !== undefined ? "top_p" : body.additionalModelRequestFields?.top_k !== undefined ? "top_k" : undefined;
    if (sampling) throw invalid(`The model returned the following errors: \`${sampling}\` is deprecated for this model.`);
  }
  validateThinking(baseModelId, body);
  if (config.temperature !== undefined && config.topP !== undefined && NO_TEMPERATURE_WITH_TOP_P.test(baseModelId)) {
    throw invalid("The model returned the following errors: temperature and top_p cannot both be specified for this model. Please use only one.");
  }
  const limit = OUTPUT_LIMITS.find(([pattern]) => pattern.test(baseModelId))?.[1];
  if (limit !== undefined && (config.maxTokens ?? 0) > limit) {
    throw invalid(`The maximum tokens you requested exceeds the model limit of ${limit}. Try again with a maximum tokens value that is lower than ${limit}.`);
  }
  void modelId;
}

function validateCachePoints(baseModelId: string, body: ConverseRequestBody): void {
  const count =
    (body.system ?? []).filter((b) => b.cachePoint).length +
    (body.toolConfig?.tools ?? []).filter((t) => t.cachePoint).length +
    (body.messages ?? []).reduce((n, m) => n + (m.content ?? []).filter((b) => b.cachePoint).length, 0);
  if (count === 0) return;
  if (!CACHING.test(baseModelId)) throw invalid("You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.");
  if (count > 4) throw invalid(`The number of cache checkpoints in the request (${count}) exceeds the maximum of 4.`);
}

/** Thinking is on for this request: asked for, or the model always thinks. */
export function thinks(baseModelId: string, body: ConverseRequestBody): boolean {
  const type = body.additionalModelRequestFields?.thinking?.type;
  return serviceRules(baseModelId).alwaysThinks || (type !== undefined && type !== "disabled");
}

function validateThinking(baseModelId: string, body: ConverseRequestBody): void {
  const fields = body.additionalModelRequestFields ?? {};
  const thinking = fields.thinking;
  const rules = serviceRules(baseModelId);
  const messages = body.messages ?? [];
  const errors = (text: string) => invalid(`The model returned the following errors: ${text}`);
  // Reasoning sent back must be exactly what the emulator sent: its signature (for this family), or the same
  // redacted bytes to the same model.
  const signer = rules.claude ? "anthropic" : baseModelId.split(".")[0]!;
  messages.forEach((message, m) =>
    (message.content ?? []).forEach((block, c) => {
      const r = block.reasoningContent;
      if (r?.reasoningText && r.reasoningText.signature !== signReasoning(r.reasoningText.text ?? "", signer)) {
        throw invalid(`messages.${m}.content.${c}: Invalid \`signature\` in \`thinking\` block`);
      }
      if (r?.redactedContent !== undefined && issuedRedacted.get(r.redactedContent) !== baseModelId) {
        throw invalid(`messages.${m}.content.${c}: Invalid \`data\` in \`redacted_thinking\` block`);
      }
    }),
  );
  if (fields.output_config !== undefined) {
    if (rules.efforts.length === 0) throw errors("output_config: Extra inputs are not permitted");
    const effort = fields.output_config.effort;
    if (effort !== undefined && !rules.efforts.includes(effort as Effort)) {
      throw errors(`This model does not support effort level '${effort}'. Supported levels: ${[...rules.efforts].sort().join(", ")}.`);
    }
  }
  if (thinking) {
    if (!rules.thinking.budget && !rules.thinking.adaptive) throw errors("thinking: Extra inputs are not permitted");
    if (thinking.type === "enabled" && !rules.thinking.budget) {
      throw errors("`thinking.type.enabled` is not supported for this model. Use `thinking.type.adaptive` and `output_config.effort` to control thinking behavior.");
    }
    if (thinking.type === "disabled" && rules.noDisabled) {
      throw errors("`thinking.type.disabled` is not supported for this model. Use `thinking.type.adaptive` and `output_config.effort` to control thinking behavior.");
    }
    if (thinking.type === "adaptive" && !rules.thinking.adaptive) {
      throw errors("thinking.type: Input tag 'adaptive' found using 'type' does not match any of the expected tags: 'disabled', 'enabled'");
    }
    // The emulator's own wording, in the style of the model's other field errors.
    if (thinking.display !== undefined && thinking.display !== "summarized" && thinking.display !== "omitted") {
      throw errors("thinking.adaptive.display: Input should be 'summarized' or 'omitted'");
    }
  }
  if (!thinks(baseModelId, body)) return;
  const config = body.inferenceConfig ?? {};
  if (thinking?.type === "enabled") {
    const budget = thinking.budget_tokens ?? 0;
    if (budget < 1024) throw errors("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    if ((config.maxTokens ?? 0) <= budget) throw errors("`max_tokens` must be greater than `thinking.budget_tokens`.");
  }
  if (config.temperature !== undefined && config.temperature !== 1) {
    throw errors("`temperature` may only be set to 1 when thinking is enabled or in interleaved thinking mode.");
  }
  if (config.topP !== undefined && config.topP < 0.95) throw errors("`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.");
  // Continuing a tool round trip, the assistant turn the results answer must start with its reasoning.
  const last = messages.at(-1);
  const previous = messages.at(-2);
  if (last?.role === "user" && (last.content ?? []).some((b) => b.toolResult) && previous?.role === "assistant" && !previous.content?.[0]?.reasoningContent) {
    const found = previous.content?.[0]?.toolUse ? "tool_use" : "text";
    throw errors(
      `messages.${messages.length - 2}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${found}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
    );
  }
}

export type PlannedBlock =
  | { kind: "text"; text: string }
  | { kind: "toolUse"; toolUseId: string; name: string; inputJson: string }
  | { kind: "reasoning"; text: string; signature: string }
  | { kind: "redacted"; data: string };

export interface PlannedTurn {
  blocks: PlannedBlock[];
  stopReason: string;
  /** The messageStop's additionalModelResponseFields (stop_details, when asked for). */
  stopFields?: Record<string, unknown>;
  /** The part of the cache write made with a 1-hour TTL. */
  cacheWrite1h?: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  chunkDelayMs?: number;
}

/** Four characters a token, as the rest of the emulator counts. */
const tokens = (text: string) => Math.ceil(text.length / 4);

/** Each cache prefix (tools, then system, then messages, up to each checkpoint), shortest first. */
function cachedPrefixes(body: ConverseRequestBody): string[] {
  const parts: unknown[] = [...(body.toolConfig?.tools ?? []), ...(body.system ?? []), ...(body.messages ?? []).flatMap((m) => [m.role, ...(m.content ?? [])])];
  const prefixes: string[] = [];
  parts.forEach((part, i) => {
    if (typeof part === "object" && part !== null && "cachePoint" in part) prefixes.push(JSON.stringify(parts.slice(0, i)));
  });
  return prefixes;
}

function lastCachePointTtl(body: ConverseRequestBody): string | undefined {
  const points = [...(body.toolConfig?.tools ?? []), ...(body.system ?? []), ...(body.messages ?? []).flatMap((m) => m.content ?? [])].flatMap((b) => ("cachePoint" in b && b.cachePoint ? [b.cachePoint as { ttl?: string }] : []));
  return points.at(-1)?.ttl;
}

/** Thinking first (signed, or redacted on request), then the planned reply; cache reads and writes in its usage. */
export function planTurnWithExtras(body: ConverseRequestBody, replyText: string, seenPrefixes: Set<string>, baseModelId = ""): PlannedTurn {
  const turn = planTurn(body, replyText);
  const last = body.messages?.at(-1);
  const lastText = (last?.content ?? []).map((b) => b.text ?? "").join("\n");
  if (thinks(baseModelId, body) && (serviceRules(baseModelId).claude || !baseModelId)) {
    if (/\[\[emulator:redacted\]\]/.test(lastText)) {
      const data = randomBytes(24).toString("base64");
      issuedRedacted.set(data, baseModelId);
      turn.blocks.unshift({ kind: "redacted", data });
    } else {
      const text = `The user asked: ${lastText.slice(0, 40).trim() || "(tool results)"}. I should answer briefly.`;
      turn.blocks.unshift({ kind: "reasoning", text, signature: signReasoning(text) });
      turn.outputTokens += tokens(text);
    }
  }
  const refuse = /\[\[emulator:refuse ([a-z_]+)\]\]/.exec(lastText);
  if (refuse && serviceRules(baseModelId).claude) {
    turn.blocks = [...turn.blocks.filter((b) => b.kind !== "text" && b.kind !== "toolUse"), { kind: "text", text: "I can start on that, but" }];
    turn.stopReason = "refusal";
    if (body.additionalModelResponseFieldPaths?.includes("/stop_details")) {
      turn.stopFields = { stop_details: { type: "refusal", category: refuse[1], explanation: "This request falls under a category the model declines." } };
    }
  }
  // The longest prefix seen before is read; what the last checkpoint adds beyond it is written.
  const prefixes = cachedPrefixes(body);
  if (prefixes.length > 0) {
    const keyOf = (prefix: string) => createHash("sha256").update(`${body.additionalModelRequestFields ? "t" : ""}${prefix}`).digest("hex");
    const hit = prefixes.findLast((prefix) => seenPrefixes.has(keyOf(prefix)));
    const whole = Math.min(tokens(prefixes.at(-1)!), turn.inputTokens);
    const read = hit ? Math.min(tokens(hit), whole) : 0;
    turn.cacheReadInputTokens = read;
    turn.cacheWriteInputTokens = whole - read;
    if (lastCachePointTtl(body) === "1h" && whole - read > 0) turn.cacheWrite1h = whole - read;
    for (const prefix of prefixes) seenPrefixes.add(keyOf(prefix));
    turn.inputTokens = Math.max(1, turn.inputTokens - whole);
  }
  return turn;
}

/** The reply for a request: text (cut at maxTokens, four characters a token), a tool call, or a tool result quoted. */
export function planTurn(body: ConverseRequestBody, replyText: string): PlannedTurn {
  const messages = body.messages ?? [];
  const last = messages[messages.length - 1];
  const lastText = (last?.content ?? []).map((b) => b.text ?? "").join("\n");
  // Directives may sit in any user turn (OpenClaw appends its own context after the prompt); the latest wins.
  const allUserText = messages.filter((m) => m.role === "user").flatMap((m) => (m.content ?? []).map((b) => b.text ?? "")).join("\n");
  const prompt = [...(body.system ?? []).map((s) => s.text ?? ""), ...messages.flatMap((m) => (m.content ?? []).map((c) => c.text ?? ""))].join(" ");
  const inputTokens = Math.max(1, Math.ceil(prompt.length / 4));
  const slow = /\[\[emulator:slow (\d+)\]\]/.exec(allUserText);
  const chunkDelayMs = slow ? Number(slow[1]) : undefined;
  const stop = /\[\[emulator:stop ([a-z_]+)\]\]/.exec(lastText);
  const results = (last?.content ?? []).flatMap((b) => (b.toolResult ? [b.toolResult] : []));
  if (results.length > 0) {
    const quoted = results.map((r) => (r.content ?? []).map((c) => c.text ?? JSON.stringify(c.json)).join(" ")).join("; ");
    const text = `The tool said: ${quoted.trim()}`;
    return { blocks: [{ kind: "text", text }], stopReason: "end_turn", inputTokens, outputTokens: Math.ceil(text.length / 4), chunkDelayMs };
  }
  const tool = /\[\[emulator:tool ([A-Za-z0-9_-]+) (\{.*?\})\]\]/.exec(lastText);
  if (tool) {
    const inputJson = tool[2]!;
    return {
      blocks: [
        { kind: "text", text: "Let me run that." },
        { kind: "toolUse", toolUseId: `tooluse_${Math.random().toString(36).slice(2, 12)}`, name: tool[1]!, inputJson },
      ],
      stopReason: "tool_use",
      inputTokens,
      outputTokens: Math.ceil(inputJson.length / 4) + 4,
      chunkDelayMs,
    };
  }
  const maxTokens = body.inferenceConfig?.maxTokens ?? 4096;
  const fullTokens = Math.ceil(replyText.length / 4);
  const text = fullTokens > maxTokens ? replyText.slice(0, maxTokens * 4) : replyText;
  const stopReason = stop ? stop[1]! : fullTokens > maxTokens ? "max_tokens" : "end_turn";
  return { blocks: [{ kind: "text", text }], stopReason, inputTokens, outputTokens: Math.ceil(text.length / 4), chunkDelayMs };
}
