// OpenClaw's messages -> Converse turns the service takes whatever the history holds: alternating turns from a
// user turn, no blank text, tool results beside the calls they answer, tool names and ids Bedrock accepts,
// reasoning only where the model can verify it, images only to models that read them. Pure.
import type { DocumentType } from "@smithy/types";
import type { ModelFamily } from "../bedrock/model-families.js";
import { modelFamily } from "../bedrock/model-limits.js";
import { stripGeoPrefix } from "../bedrock/model-id.js";
import { BEDROCK_API } from "../bedrock/ids.js";
import type { AssistantMessage, ConverseBlock, ConverseTurn, ImageContent, ImageFormat, Message, Model, TextContent, VideoContent, VideoFormat } from "./types.js";
import { ToolIds, type ToolNames } from "./tool-names.js";

/** Bedrock's limits on an image block (Converse API reference: ImageBlock). */
export const MAX_IMAGE_BYTES = 3_750_000;
export const MAX_IMAGES = 20;
/** Nova's limit on a request carrying a video inline (base64): 25 MB; one video per request (Nova user guide, video). */
export const MAX_VIDEO_PAYLOAD_BYTES = 25_000_000;

/** A request Bedrock would refuse, caught before it is sent, with what to change. */
export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RequestError";
  }
}

/** OpenClaw's per-turn runtime context (after the stable history): never inside a cached prefix. */
const RUNTIME_CONTEXT_BEGIN = "<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>";

export interface HistoryTarget {
  model: Model;
  /** The id whose capabilities apply (a profile's base model). */
  capabilityId: string;
  family: ModelFamily;
  toolNames: ToolNames;
  toolIds: ToolIds;
}

export interface Turns {
  turns: ConverseTurn[];
  /** The first block of OpenClaw's runtime context in the last user turn, if it has one. */
  volatile?: ConverseBlock;
}

/** Turns in Converse order: user first, alternating, consecutive same-side messages merged, tool results first. */
export function toTurns(messages: readonly Message[], target: HistoryTarget): Turns {
  const turns: ConverseTurn[] = [];
  let volatile: ConverseBlock | undefined;
  let images = 0;
  const readsImages = takesImages(target);
  // One video per request: the latest is sent, any earlier one becomes a note.
  const lastVideo = takesVideo(target) ? messages.flatMap((m) => (m.role === "user" && typeof m.content !== "string" ? m.content.filter((b) => b.type === "video") : [])).at(-1) : undefined;
  const media = (block: TextContent | ImageContent | VideoContent): MediaBlock[] => {
    if (block.type === "text") return textBlock(block.text);
    if (block.type === "video") {
      if (!lastVideo) return [{ text: `(a video was here; ${target.model.id} does not take video)` }];
      return block === lastVideo ? [videoBlock(block)] : [{ text: "(a video was here; left out: Bedrock takes one video per request, and a later one is sent)" }];
    }
    if (!readsImages) return [{ text: `(an image was here; ${target.model.id} reads text only)` }];
    if (++images > MAX_IMAGES) throw new RequestError(`the conversation holds more than ${MAX_IMAGES} images, the most Bedrock takes in one request: start a new session or send fewer images`);
    return [imageBlock(block)];
  };
  for (const message of messages) {
    let role: ConverseTurn["role"];
    let blocks: ConverseBlock[];
    if (message.role === "assistant") {
      if (message.stopReason === "error" || message.stopReason === "aborted") {
        if (!message.content.some((block) => block.type === "toolCall")) continue; // a failed turn has nothing to replay
      }
      role = "assistant";
      blocks = assistantBlocks(message, target);
    } else if (message.role === "toolResult") {
      role = "user";
      const content = message.content.flatMap(media);
      blocks = [{ toolResult: { toolUseId: target.toolIds.toBedrock(message.toolCallId), content: content.length > 0 ? content : [{ text: "(no output)" }], status: message.isError ? "error" : "success" } }];
    } else {
      role = "user";
      const content = typeof message.content === "string" ? [{ type: "text", text: message.content } as TextContent] : message.content;
      blocks = content.flatMap(media);
      if (isRuntimeContext(message) && blocks.length > 0) volatile ??= blocks[0];
    }
    if (blocks.length === 0) continue;
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
    if (role === "assistant") volatile = undefined; // only the latest user turn's runtime context matters
  }
  for (const turn of turns) if (turn.role === "user") turn.content.sort((a, b) => Number("toolResult" in b) - Number("toolResult" in a));
  pairToolResults(turns);
  if (turns[0]?.role !== "user") turns.unshift({ role: "user", content: [{ text: "(The conversation continues.)" }] });
  return { turns, volatile };
}

function isRuntimeContext(message: Message): boolean {
  if ((message as { runtimeContextCarrier?: unknown }).runtimeContextCarrier === true) return true;
  const first = typeof message.content === "string" ? message.content : message.content.find((b) => b.type === "text")?.text;
  return typeof first === "string" && first.startsWith(RUNTIME_CONTEXT_BEGIN);
}

/** Image input: what the family says; for a model the tables do not know, what OpenClaw's model row says. */
function takesImages(target: HistoryTarget): boolean {
  if (target.family.source !== "assumed") return Boolean(target.family.images);
  return target.model.input?.includes("image") ?? false;
}

/** Video input: what the family says; for a model the tables do not know, what OpenClaw's model row says. */
export function takesVideo(target: Pick<HistoryTarget, "model" | "family">): boolean {
  if (target.family.source !== "assumed") return Boolean(target.family.video);
  return target.model.input?.includes("video") ?? false;
}

/**
 * The signer of a message's reasoning: the family of the Bedrock model that wrote it. Reasoning from another
 * provider (its signatures mean nothing here) or from a model this tool does not know has none.
 */
function signerOf(message: AssistantMessage, target: HistoryTarget): string | undefined {
  if (message.api !== BEDROCK_API) return undefined;
  // The same id (an application-profile ARN the tables cannot read) is the same model, whatever it is.
  if (sameModel(message.model, target.model.id)) return target.family.signer;
  return modelFamily(message.model).signer;
}

const sameModel = (a: string, b: string) => stripGeoPrefix(a) === stripGeoPrefix(b);

function assistantBlocks(message: AssistantMessage, target: HistoryTarget): ConverseBlock[] {
  // Signed reasoning goes back only to the family that signed it; redacted reasoning only to the very model that
  // wrote it. Anything else is dropped: it would be refused, and as plain text it would read as the answer.
  const signer = target.family.signer;
  const replaysSigned = signer !== undefined && signerOf(message, target) === signer;
  const replaysRedacted = replaysSigned && (sameModel(message.model, target.model.id) || sameModel(message.model, target.capabilityId));
  const blocks: ConverseBlock[] = [];
  for (const block of message.content) {
    if (block.type === "text") blocks.push(...textBlock(block.text));
    else if (block.type === "thinking") {
      if (!block.thinkingSignature) continue;
      if (block.redacted) {
        if (replaysRedacted) blocks.push({ reasoningContent: { redactedContent: Buffer.from(block.thinkingSignature, "base64") } });
      } else if (replaysSigned) {
        blocks.push({ reasoningContent: { reasoningText: { text: block.thinking, signature: block.thinkingSignature } } });
      }
    } else {
      // OpenClaw's tool arguments are the JSON object the model sent: the SDK's document type.
      const input = (block.arguments && typeof block.arguments === "object" && !Array.isArray(block.arguments) ? block.arguments : {}) as DocumentType;
      blocks.push({ toolUse: { toolUseId: target.toolIds.toBedrock(block.id), name: target.toolNames.toBedrock(block.name), input } });
    }
  }
  // Reasoning leads its turn, as the model wrote it; a turn left with reasoning alone has nothing to say.
  return blocks.every((b) => "reasoningContent" in b) ? [] : blocks;
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

/**
 * With thinking on, the service wants the assistant turn a tool result answers to start with its (verifiable)
 * reasoning. Finds that turn when it does not: the index of the assistant turn, else -1.
 */
export function unreplayableToolTurn(turns: readonly ConverseTurn[]): number {
  const last = turns.at(-1);
  if (last?.role !== "user" || !last.content.some((b) => "toolResult" in b)) return -1;
  const at = turns.length - 2;
  const turn = turns[at];
  if (turn?.role !== "assistant") return -1;
  return turn.content[0] && "reasoningContent" in turn.content[0] ? -1 : at;
}

/**
 * For a model that always thinks: the tool round trip of `at` retold as plain text (the call in the assistant
 * turn, the results in the user turn after it), so no tool turn without reasoning is left to continue.
 */
export function retellToolTurn(turns: ConverseTurn[], at: number): void {
  const names = new Map<string, string>();
  const assistant = turns[at]!;
  assistant.content = assistant.content.flatMap((b): ConverseBlock[] => {
    if (!("toolUse" in b)) return "reasoningContent" in b ? [] : [b];
    names.set(b.toolUse.toolUseId, b.toolUse.name);
    return [{ text: `(I called the tool ${b.toolUse.name} with ${JSON.stringify(b.toolUse.input)}.)` }];
  });
  const user = turns[at + 1]!;
  user.content = user.content.map((b): ConverseBlock => {
    if (!("toolResult" in b)) return b;
    const text = b.toolResult.content.map((c) => ("text" in c ? c.text : "(an image)")).join("\n");
    return { text: `(Result of the tool ${names.get(b.toolResult.toolUseId) ?? "call"}${b.toolResult.status === "error" ? ", an error" : ""}:) ${text}` };
  });
}

type MediaBlock = { text: string } | Extract<ConverseBlock, { image: unknown }> | Extract<ConverseBlock, { video: unknown }>;

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

/** Converse's video formats by MIME type (VideoBlock: mkv, mov, mp4, webm, flv, mpeg, mpg, wmv, three_gp). */
const VIDEO_FORMATS: Record<string, VideoFormat> = {
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/x-matroska": "mkv",
  "video/matroska": "mkv",
  "video/webm": "webm",
  "video/x-flv": "flv",
  "video/mpeg": "mpeg",
  "video/mpg": "mpg",
  "video/x-ms-wmv": "wmv",
  "video/3gpp": "three_gp",
};

export function videoFormat(mimeType: string): VideoFormat | undefined {
  return VIDEO_FORMATS[mimeType.split(";")[0]!.trim().toLowerCase()];
}

function videoBlock(video: VideoContent): MediaBlock {
  const format = videoFormat(video.mimeType);
  if (!format) throw new RequestError(`a video (${video.mimeType}) is not MP4, MOV, MKV, WebM, FLV, MPEG, WMV or 3GP, the formats Bedrock takes: convert it to MP4 first`);
  // The request carries the video base64-encoded: that is what the 25 MB counts.
  if (video.data.length > MAX_VIDEO_PAYLOAD_BYTES) {
    throw new RequestError(`a video is ${(video.data.length / 1e6).toFixed(1)} MB as sent (base64), above the ${MAX_VIDEO_PAYLOAD_BYTES / 1e6} MB Bedrock takes inline: shorten or compress it (under about 18 MB as a file)`);
  }
  return { video: { format, source: { bytes: Buffer.from(video.data, "base64") } } };
}
