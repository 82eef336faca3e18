// The shapes of OpenClaw's model stream contract this transport reads and writes (OpenClaw 2026.9.6's
// @openclaw/ai types, narrowed), and of the Converse request it sends.
import type { DocumentType } from "@smithy/types";

export interface TextContent {
  type: "text";
  text: string;
}
export interface ImageContent {
  type: "image";
  /** base64 */
  data: string;
  mimeType: string;
}
/** Native video, as OpenClaw 2026.9.6 hands it through its provider-context handoff (@openclaw/ai VideoContent). */
export interface VideoContent {
  type: "video";
  /** base64 */
  data: string;
  mimeType: string;
}
export interface ThinkingContent {
  type: "thinking";
  thinking: string;
  thinkingSignature?: string;
  /** The reasoning was redacted: `thinkingSignature` holds the opaque bytes, base64. */
  redacted?: boolean;
}
export interface ToolCall {
  type: "toolCall";
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface UserMessage {
  role: "user";
  content: string | (TextContent | ImageContent | VideoContent)[];
}
export interface AssistantMessage {
  role: "assistant";
  content: (TextContent | ThinkingContent | ToolCall)[];
  api: string;
  provider: string;
  model: string;
  usage: Usage;
  stopReason: StopReason;
  errorMessage?: string;
  errorCode?: string;
  timestamp: number;
}
export interface ToolResultMessage {
  role: "toolResult";
  toolCallId: string;
  toolName: string;
  content: (TextContent | ImageContent)[];
  isError: boolean;
}
export type Message = UserMessage | AssistantMessage | ToolResultMessage;

export interface Tool {
  name: string;
  description: string;
  parameters: unknown;
}

export interface Context {
  systemPrompt?: string;
  messages: Message[];
  tools?: Tool[];
}

export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** The part of cacheWrite written with 1-hour retention (priced higher), when Bedrock reports it. */
  cacheWrite1h?: number;
  /** The prompt and whole-turn size of this call, for OpenClaw's context accounting. */
  contextUsage?: { state: "available"; promptTokens: number; totalTokens: number } | { state: "unavailable" };
  totalTokens: number;
  cost: { input: number; output: number; cacheRead: number; cacheWrite: number; total: number };
}

export type StopReason = "stop" | "length" | "toolUse" | "error" | "aborted";

export interface Model {
  id: string;
  name?: string;
  api: string;
  provider: string;
  baseUrl?: string;
  reasoning?: boolean;
  input?: string[];
  cost?: { input: number; output: number; cacheRead: number; cacheWrite: number; cacheWrite1h?: number };
  contextWindow?: number;
  maxTokens: number;
  params?: Record<string, unknown>;
}

export interface StreamOptions {
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  signal?: AbortSignal;
  /** OpenClaw's marker for "AWS SDK auth" ("__aws_sdk_auth__"): never a key. */
  apiKey?: string;
  timeoutMs?: number;
  /** OpenClaw's thinking level: off, minimal, low, medium, high, xhigh, max. */
  reasoning?: string;
  /** Prompt caching: none, short (the default, 5 minutes) or long (1 hour where the model takes it). */
  cacheRetention?: "none" | "short" | "long";
  onPayload?: (payload: unknown, model: Model) => unknown;
}

export type AssistantMessageEvent =
  | { type: "start"; partial: AssistantMessage }
  | { type: "text_start" | "thinking_start" | "toolcall_start"; contentIndex: number; partial: AssistantMessage }
  | { type: "text_delta" | "thinking_delta" | "toolcall_delta"; contentIndex: number; delta: string; partial: AssistantMessage }
  | { type: "text_end" | "thinking_end"; contentIndex: number; content: string; partial: AssistantMessage }
  | { type: "toolcall_end"; contentIndex: number; toolCall: ToolCall; partial: AssistantMessage }
  | { type: "done"; reason: "stop" | "length" | "toolUse"; message: AssistantMessage }
  | { type: "error"; reason: "error" | "aborted"; error: AssistantMessage };

// Converse (the fields this transport sends; the SDK's types, narrowed: converse-call.ts passes a ConverseRequest
// where the SDK's ConverseStreamCommandInput is expected, so the compiler holds these to the SDK's own).
export type ImageFormat = "png" | "jpeg" | "gif" | "webp";
export type VideoFormat = "mkv" | "mov" | "mp4" | "webm" | "flv" | "mpeg" | "mpg" | "wmv" | "three_gp";
export type ConverseBlock =
  | { text: string }
  | { image: { format: ImageFormat; source: { bytes: Uint8Array } } }
  | { video: { format: VideoFormat; source: { bytes: Uint8Array } } }
  | { toolUse: { toolUseId: string; name: string; input: DocumentType } }
  | { toolResult: { toolUseId: string; content: ({ text: string } | { image: { format: ImageFormat; source: { bytes: Uint8Array } } } | { video: { format: VideoFormat; source: { bytes: Uint8Array } } })[]; status?: "success" | "error" } }
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } | { redactedContent: Uint8Array } }
  | CachePoint;

export interface CachePoint {
  cachePoint: { type: "default"; ttl?: "5m" | "1h" };
}

export interface ConverseTurn {
  role: "user" | "assistant";
  content: ConverseBlock[];
}

export interface ConverseRequest {
  modelId: string;
  messages: ConverseTurn[];
  system?: ({ text: string } | CachePoint)[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: ({ toolSpec: { name: string; description?: string; inputSchema: { json: DocumentType } } } | CachePoint)[] };
  /** Model-specific fields: Claude's `thinking` and `output_config`, Nova's `reasoningConfig`. */
  additionalModelRequestFields?: Record<string, DocumentType>;
  /** Model-specific reply fields to return (Claude's `/stop_details`, which says why it refused). */
  additionalModelResponseFieldPaths?: string[];
  /** The guardrail every turn goes through (turn-settings.ts). */
  guardrailConfig?: { guardrailIdentifier: string; guardrailVersion: string; streamProcessingMode?: "sync" | "async"; trace?: "enabled" | "disabled" | "enabled_full" };
  serviceTier?: { type: "priority" | "default" | "flex" | "reserved" };
  performanceConfig?: { latency: "standard" | "optimized" };
}
