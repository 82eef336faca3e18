// The event stream a stream function returns to OpenClaw: push events, end with a message; the host iterates it
// and awaits result(). The same contract as OpenClaw's createAssistantMessageEventStream, kept here so the
// transport also runs where there is no OpenClaw (the standalone doctor, Node 20).
import type { AssistantMessage, AssistantMessageEvent, Model } from "./types.js";

export class AssistantEventStream implements AsyncIterable<AssistantMessageEvent> {
  private readonly queue: AssistantMessageEvent[] = [];
  private waiting?: (next: IteratorResult<AssistantMessageEvent>) => void;
  private ended = false;
  private settled = false;
  private resolveResult!: (message: AssistantMessage) => void;
  private rejectResult!: (error: Error) => void;
  private readonly final = new Promise<AssistantMessage>((resolve, reject) => {
    this.resolveResult = resolve;
    this.rejectResult = reject;
  });

  constructor() {
    this.final.catch(() => undefined); // nobody awaiting result() is not an error
  }

  push(event: AssistantMessageEvent): void {
    if (this.ended || this.settled) return; // nothing after the terminal event
    if (event.type === "done" || event.type === "error") {
      this.settled = true;
      this.resolveResult(event.type === "done" ? event.message : event.error);
    }
    if (this.waiting) {
      const deliver = this.waiting;
      this.waiting = undefined;
      deliver({ value: event, done: false });
    } else this.queue.push(event);
  }

  end(result?: AssistantMessage): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.settled) {
      if (result) this.resolveResult(result);
      else this.rejectResult(new Error("event stream ended without a terminal event or final result"));
      this.settled = true;
    }
    if (this.waiting) {
      const deliver = this.waiting;
      this.waiting = undefined;
      deliver({ value: undefined, done: true });
    }
  }

  result(): Promise<AssistantMessage> {
    return this.final;
  }

  [Symbol.asyncIterator](): AsyncIterator<AssistantMessageEvent> {
    return {
      next: () => {
        const event = this.queue.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiting = resolve));
      },
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }
}

/** A reply with nothing in it yet, for `model`: what the reducer fills and a failure reports. */
export function emptyAssistantMessage(model: Pick<Model, "api" | "provider" | "id">): AssistantMessage {
  return {
    role: "assistant",
    content: [],
    api: model.api,
    provider: model.provider,
    model: model.id,
    usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } },
    stopReason: "stop",
    timestamp: Date.now(),
  };
}
