// The plugin's stream function returns its stream at once and replays the lazily loaded transport's stream into it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { relayStream } from "../../src/plugin/stream-relay.ts";
import { AssistantEventStream } from "../../src/transport/event-stream.ts";
import type { AssistantMessage, AssistantMessageEvent } from "../../src/transport/types.ts";

const model = { api: "bedrock-converse-stream", provider: "amazon-bedrock", id: "us.anthropic.claude-haiku-4-5-20251001-v1:0" };
const message = (text: string): AssistantMessage => ({ role: "assistant", content: [{ type: "text", text }], api: model.api, provider: model.provider, model: model.id, usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0, totalTokens: 2, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } }, stopReason: "stop", timestamp: 0 }) as AssistantMessage;

test("the stream is there before the transport loads: result() is a function of the returned value, not of a Promise", async () => {
  let release!: () => void;
  const loaded = new Promise<void>((resolve) => (release = resolve));
  const stream = relayStream(model, async () => {
    await loaded;
    const inner = new AssistantEventStream();
    const final = message("hello");
    inner.push({ type: "start", partial: final });
    inner.push({ type: "done", reason: "stop", message: final });
    inner.end(final);
    return inner;
  });
  assert.equal(typeof stream.result, "function");
  assert.equal(typeof (stream as unknown as { then?: unknown }).then, "undefined");
  release();
  const events: AssistantMessageEvent[] = [];
  for await (const event of stream) events.push(event);
  assert.deepEqual(events.map((e) => e.type), ["start", "done"]);
  assert.equal(((await stream.result()).content[0] as { text: string }).text, "hello");
});

test("a transport that fails to load ends the stream with one error event naming the cause and a fix", async () => {
  const stream = relayStream(model, async () => {
    throw new Error("Cannot find module './transport-stream-fn.cjs'");
  });
  const events: AssistantMessageEvent[] = [];
  for await (const event of stream) events.push(event);
  assert.deepEqual(events.map((e) => e.type), ["error"]);
  const result = await stream.result();
  assert.equal(result.stopReason, "error");
  assert.match(result.errorMessage ?? "", /transport did not load: Cannot find module .*fix: /);
});
