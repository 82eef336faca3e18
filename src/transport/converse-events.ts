// Converse stream events -> OpenClaw stream events, into one assistant message: text, reasoning and tool calls
// (input gathered from its fragments, parsed at contentBlockStop), usage from `metadata`, and the stop reason.
// Pure: events in, events out; the network is someone else's business.
import type { AssistantMessage, AssistantMessageEvent, Model, StopReason, ToolCall, Usage } from "./types.js";
import type { ToolIds, ToolNames } from "./tool-names.js";
import { emptyAssistantMessage } from "./event-stream.js";
import type { GuardrailTrace } from "./guardrail-trace.js";

export { emptyAssistantMessage };

/** The parts of a ConverseStream output event this reducer reads (the SDK's union, narrowed; converse-call.ts assigns the SDK's events to it without a cast, so the compiler holds the two together). */
export interface ConverseEvent {
  messageStart?: { role?: string };
  contentBlockStart?: { contentBlockIndex?: number; start?: { toolUse?: { toolUseId?: string; name?: string } } };
  contentBlockDelta?: {
    contentBlockIndex?: number;
    delta?: { text?: string; toolUse?: { input?: string }; reasoningContent?: { text?: string; signature?: string; redactedContent?: Uint8Array } };
  };
  contentBlockStop?: { contentBlockIndex?: number };
  messageStop?: { stopReason?: string; additionalModelResponseFields?: unknown };
  metadata?: {
    usage?: {
      inputTokens?: number;
      outputTokens?: number;
      totalTokens?: number;
      cacheReadInputTokens?: number;
      cacheWriteInputTokens?: number;
      cacheDetails?: { ttl?: string; inputTokens?: number }[];
    };
    /** The guardrail's assessments, when its trace is on: which policies matched (guardrail-trace.ts reads them). */
    trace?: { guardrail?: GuardrailTrace };
  };
}

/** A stop that is not a normal end: the message to fail the stream with. */
export class StopError extends Error {
  constructor(
    readonly stopReason: string,
    message: string,
  ) {
    super(message);
    this.name = "StopError";
  }
}

const STOPS: Record<string, "stop" | "length" | "toolUse" | string> = {
  end_turn: "stop",
  stop_sequence: "stop",
  tool_use: "toolUse",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  guardrail_intervened: "Bedrock stopped the reply: a guardrail intervened (stop reason guardrail_intervened); change the prompt or the guardrail's policy",
  content_filtered: "Bedrock stopped the reply: its content filter blocked it (stop reason content_filtered); rephrase the prompt",
  malformed_model_output: "Bedrock stopped the reply: the model produced malformed output (stop reason malformed_model_output); retry, or try another model",
  malformed_tool_use: "Bedrock stopped the reply: the model produced a malformed tool call (stop reason malformed_tool_use); retry, or simplify the tool's input schema",
  refusal: "Bedrock's model declined to answer (stop reason refusal); rephrase the request, or try another model",
};

/** A refusal with the category and explanation the model gave in `stop_details`, when it gave them. */
export function describeRefusal(fields: unknown): string {
  const details = (fields && typeof fields === "object" ? ((fields as Record<string, unknown>).stop_details ?? (fields as Record<string, unknown>).stopDetails) : undefined) as
    | { category?: unknown; explanation?: unknown }
    | undefined;
  const category = typeof details?.category === "string" ? details.category : undefined;
  const explanation = typeof details?.explanation === "string" ? details.explanation.trim() : undefined;
  const why = [category ? `category ${category}` : "", explanation ? `"${explanation.slice(0, 200)}"` : ""].filter(Boolean).join(": ");
  return `Bedrock's model declined to answer (stop reason refusal${why ? `, ${why}` : ""}); rephrase the request, or try another model`;
}

/** Each Converse stop reason as OpenClaw's, or the error it is; an unknown one is an error naming it. */
export function mapStopReason(reason: string): { reason: "stop" | "length" | "toolUse" } | { error: string } {
  const mapped = STOPS[reason];
  if (mapped === "stop" || mapped === "length" || mapped === "toolUse") return { reason: mapped };
  return { error: mapped ?? `Bedrock ended the reply with a stop reason this plugin does not know: ${reason}` };
}

interface OpenBlock {
  kind: "text" | "thinking" | "toolCall";
  contentIndex: number;
  /** Tool input fragments, joined at the block's end. */
  json?: string[];
}


export class ConverseReducer {
  readonly message: AssistantMessage;
  private readonly open = new Map<number, OpenBlock>();
  private stop?: string;
  private stopFields?: unknown;
  /** The guardrail trace from the metadata event, when the guardrail's trace is on. */
  guardrailTrace?: GuardrailTrace;

  constructor(
    private readonly model: Model,
    private readonly toolNames: ToolNames | undefined,
    private readonly emit: (event: AssistantMessageEvent) => void,
    private readonly toolIds?: ToolIds,
  ) {
    this.message = emptyAssistantMessage(model);
  }

  /** Text so far, for callers that only want the reply (the doctor). */
  get text(): string {
    return this.message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
  }

  get stopReason(): string | undefined {
    return this.stop;
  }

  apply(event: ConverseEvent): void {
    if (event.contentBlockStart) this.startBlock(event.contentBlockStart);
    else if (event.contentBlockDelta) this.delta(event.contentBlockDelta);
    else if (event.contentBlockStop) this.stopBlock(event.contentBlockStop.contentBlockIndex ?? 0);
    else if (event.messageStop) {
      this.stop = event.messageStop.stopReason ?? "end_turn";
      this.stopFields = event.messageStop.additionalModelResponseFields;
    }
    else if (event.metadata) {
      if (event.metadata.usage) this.usage(event.metadata.usage);
      if (event.metadata.trace?.guardrail) this.guardrailTrace = event.metadata.trace.guardrail;
    }
  }

  /** The stream ended: closes what is open and says how the message ended (throws a StopError for error stops). */
  finish(): { reason: "stop" | "length" | "toolUse" } {
    for (const index of [...this.open.keys()]) this.stopBlock(index);
    if (this.stop === undefined) throw Object.assign(new Error("the reply stream ended before Bedrock's messageStop event"), { code: "ERR_STREAM_PREMATURE_CLOSE" });
    if (this.stop === "refusal") throw new StopError("refusal", describeRefusal(this.stopFields));
    const mapped = mapStopReason(this.stop);
    if ("error" in mapped) throw new StopError(this.stop, mapped.error);
    this.message.stopReason = mapped.reason as StopReason;
    return mapped;
  }

  private startBlock(start: NonNullable<ConverseEvent["contentBlockStart"]>): void {
    const toolUse = start.start?.toolUse;
    if (!toolUse) return;
    const contentIndex = this.message.content.length;
    const id = toolUse.toolUseId ?? `tooluse_${contentIndex}`;
    const call: ToolCall = { type: "toolCall", id: this.toolIds?.fromBedrock(id) ?? id, name: this.toolNames?.fromBedrock(toolUse.name ?? "") ?? toolUse.name ?? "", arguments: {} };
    this.message.content.push(call);
    this.open.set(start.contentBlockIndex ?? 0, { kind: "toolCall", contentIndex, json: [] });
    this.emit({ type: "toolcall_start", contentIndex, partial: this.message });
  }

  private delta(delta: NonNullable<ConverseEvent["contentBlockDelta"]>): void {
    const index = delta.contentBlockIndex ?? 0;
    const d = delta.delta ?? {};
    if (d.text !== undefined) {
      const block = this.blockFor(index, "text");
      const content = this.message.content[block.contentIndex] as { text: string };
      content.text += d.text;
      this.emit({ type: "text_delta", contentIndex: block.contentIndex, delta: d.text, partial: this.message });
    } else if (d.toolUse) {
      const block = this.open.get(index);
      if (!block || block.kind !== "toolCall") return;
      const fragment = d.toolUse.input ?? "";
      block.json!.push(fragment);
      this.emit({ type: "toolcall_delta", contentIndex: block.contentIndex, delta: fragment, partial: this.message });
    } else if (d.reasoningContent) {
      const block = this.blockFor(index, "thinking");
      const content = this.message.content[block.contentIndex] as { thinking: string; thinkingSignature?: string; redacted?: boolean };
      const r = d.reasoningContent;
      if (r.text !== undefined) {
        content.thinking += r.text;
        this.emit({ type: "thinking_delta", contentIndex: block.contentIndex, delta: r.text, partial: this.message });
      }
      if (r.signature !== undefined) content.thinkingSignature = (content.thinkingSignature ?? "") + r.signature;
      if (r.redactedContent !== undefined) {
        content.redacted = true;
        content.thinking ||= "[Reasoning redacted]";
        content.thinkingSignature = Buffer.from(r.redactedContent).toString("base64");
      }
    }
  }

  /** The open block at a Converse index, opened (with its start event) on its first delta. */
  private blockFor(index: number, kind: "text" | "thinking"): OpenBlock {
    const open = this.open.get(index);
    if (open && open.kind === kind) return open;
    if (open) this.stopBlock(index);
    const contentIndex = this.message.content.length;
    this.message.content.push(kind === "text" ? { type: "text", text: "" } : { type: "thinking", thinking: "" });
    const block: OpenBlock = { kind, contentIndex };
    this.open.set(index, block);
    this.emit({ type: kind === "text" ? "text_start" : "thinking_start", contentIndex, partial: this.message });
    return block;
  }

  private stopBlock(index: number): void {
    const block = this.open.get(index);
    if (!block) return;
    this.open.delete(index);
    const content = this.message.content[block.contentIndex]!;
    if (content.type === "text") this.emit({ type: "text_end", contentIndex: block.contentIndex, content: content.text, partial: this.message });
    else if (content.type === "thinking") this.emit({ type: "thinking_end", contentIndex: block.contentIndex, content: content.thinking, partial: this.message });
    else {
      content.arguments = parseToolInput(block.json!.join(""), content.name);
      this.emit({ type: "toolcall_end", contentIndex: block.contentIndex, toolCall: content, partial: this.message });
    }
  }

  private usage(u: NonNullable<NonNullable<ConverseEvent["metadata"]>["usage"]>): void {
    const usage: Usage = this.message.usage;
    usage.input = u.inputTokens ?? 0;
    usage.output = u.outputTokens ?? 0;
    usage.cacheRead = u.cacheReadInputTokens ?? 0;
    usage.cacheWrite = u.cacheWriteInputTokens ?? 0;
    // OpenClaw counts the whole prompt (cached parts too) and what came out, whatever the service's total says.
    const promptTokens = usage.input + usage.cacheRead + usage.cacheWrite;
    usage.totalTokens = Math.max(u.totalTokens ?? 0, promptTokens + usage.output);
    usage.contextUsage = { state: "available", promptTokens, totalTokens: promptTokens + usage.output };
    const hour = (u.cacheDetails ?? []).reduce((n, d) => n + (d.ttl === "1h" ? (d.inputTokens ?? 0) : 0), 0);
    if (hour > 0) usage.cacheWrite1h = Math.min(hour, usage.cacheWrite);
    else delete usage.cacheWrite1h;
    const rates = this.model.cost;
    if (rates) {
      const c = usage.cost;
      c.input = (usage.input * rates.input) / 1e6;
      c.output = (usage.output * rates.output) / 1e6;
      c.cacheRead = (usage.cacheRead * rates.cacheRead) / 1e6;
      // A 1-hour write costs twice the input rate (a 5-minute one 1.25 times): Bedrock's and Anthropic's pricing.
      const hourly = usage.cacheWrite1h ?? 0;
      c.cacheWrite = ((usage.cacheWrite - hourly) * rates.cacheWrite + hourly * (rates.cacheWrite1h ?? rates.input * 2)) / 1e6;
      c.total = c.input + c.output + c.cacheRead + c.cacheWrite;
    }
  }
}

/** A tool's input as the model streamed it: `{}` when it sent none; malformed JSON is the model's error, named. */
function parseToolInput(json: string, toolName: string): Record<string, unknown> {
  if (json.trim() === "") return {};
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    throw new StopError("malformed_tool_use", `Bedrock's model sent malformed JSON as the input of tool ${toolName}; retry, or simplify the tool's input schema`);
  }
}
