// A seeded generator of realistic OpenClaw histories, each run through the real stream function (and the AWS SDK)
// against one emulator that applies the service's rules: tools with awkward names, images, signed and redacted
// reasoning, thinking switched on and off between turns, models switched mid-conversation, other providers' turns,
// failed turns, every cache retention and thinking level, every text model family of the catalog. Every request
// must be accepted, and every reply must be exactly what the emulator sent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { envKeys, emulatorEnv } from "../helpers/bedrock-env.ts";
import { makeSandbox } from "../helpers/cli.ts";
import { startEmulator, type LoggedRequest } from "../emulator/server.ts";
import { fixtureCatalog, withLatestModels, type Catalog } from "../emulator/bedrock.ts";
import type { PlannedTurn } from "../emulator/converse.ts";
import { streamTurn } from "../../src/transport/stream-fn.ts";
import { resolveDynamicModel } from "../../src/plugin/dynamic-model.ts";
import { ToolNames } from "../../src/transport/tool-names.ts";
import type { AssistantMessage, Context, Message, Model, StreamOptions, Tool } from "../../src/transport/types.ts";

const HISTORIES = Number(process.env.HISTORY_COUNT ?? 1000);
const SEED = Number(process.env.HISTORY_SEED ?? 20261202);
const WORKERS = 8;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!, chance: (p: number) => next() < p, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}
type Rng = ReturnType<typeof rng>;

/** Every id a user could run a turn on: system profiles and on-demand models whose output is text. */
function invocableTextModels(catalog: Catalog): string[] {
  const textBase = (id: string) => !/stability\.|embed|rerank|pegasus|sonic|reel|titan-image|nova-canvas/.test(id);
  const onDemand = catalog.foundationModels.filter((m) => (m.outputModalities ?? []).includes("TEXT") && (m.inferenceTypesSupported ?? []).includes("ON_DEMAND") && m.modelLifecycle?.status !== "LEGACY" && textBase(m.modelId)).map((m) => m.modelId);
  const profiles = catalog.inferenceProfiles.filter((p) => p.type === "SYSTEM_DEFINED" && p.status === "ACTIVE" && textBase(p.inferenceProfileId)).map((p) => p.inferenceProfileId);
  return [...onDemand, ...profiles];
}

const LEVELS = [undefined, "off", "minimal", "low", "medium", "high", "xhigh", "max"] as const;
const RETENTION = [undefined, "none", "short", "long"] as const;
const TOOL_NAMES = ["read.file", "web search", "fs/write", `mcp__${"very_long_server_name_".repeat(3)}__tool`, "exec", "ünïcode-tool", "run_shell", "a"];
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex").toString("base64");
const ZERO = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0 } };

function toModel(id: string, env: NodeJS.ProcessEnv): Model {
  const host = resolveDynamicModel({ provider: "amazon-bedrock", modelId: id }, env, true)!;
  return { ...host, baseUrl: "https://bedrock-runtime.us-west-2.amazonaws.com" } as Model;
}

function otherProviderTurn(r: Rng): Message[] {
  const id = `call_${r.int(1, 999)}|fc_${r.int(1, 999)}`;
  const assistant: AssistantMessage = {
    role: "assistant",
    api: r.pick(["openai-responses", "anthropic-messages"]),
    provider: r.pick(["openai", "anthropic"]),
    model: r.pick(["gpt-6", "claude-opus-4-7"]),
    content: [{ type: "thinking", thinking: "Their reasoning.", thinkingSignature: r.pick(["{\"id\":\"rs_1\"}", "c2lnbmVk"]) }, { type: "text", text: "Checking." }, { type: "toolCall", id, name: r.pick(TOOL_NAMES), arguments: { q: 1 } }],
    usage: ZERO,
    stopReason: "toolUse",
    timestamp: 0,
  };
  return [assistant, { role: "toolResult", toolCallId: id, toolName: "x", isError: r.chance(0.3), content: [{ type: "text", text: "their result" }] }];
}

function failedTurn(r: Rng): AssistantMessage {
  const withCall = r.chance(0.5);
  return {
    role: "assistant",
    api: "bedrock-converse-stream",
    provider: "amazon-bedrock",
    model: "us.anthropic.claude-haiku-4-5-20251001-v1:0",
    content: withCall ? [{ type: "toolCall", id: `tooluse_failed${r.int(1, 99)}`, name: "exec", arguments: {} }] : [],
    usage: ZERO,
    stopReason: r.pick(["error", "aborted"]),
    errorMessage: "429: Bedrock rate limit",
    timestamp: 0,
  };
}

/** What OpenClaw's message should hold for the reply the emulator planned and sent. */
function expectedContent(reply: PlannedTurn, names: ToolNames): unknown[] {
  return reply.blocks.map((b) => {
    if (b.kind === "text") return { type: "text", text: b.text };
    if (b.kind === "reasoning") return { type: "thinking", thinking: b.text, thinkingSignature: b.signature };
    if (b.kind === "redacted") return { type: "thinking", thinking: "[Reasoning redacted]", thinkingSignature: b.data, redacted: true };
    return { type: "toolCall", id: b.toolUseId, name: names.fromBedrock(b.name), arguments: JSON.parse(b.inputJson) };
  });
}

interface Outcome {
  requests: number;
  failures: string[];
}

async function runHistory(index: number, models: string[], env: NodeJS.ProcessEnv, find: (nonce: string) => LoggedRequest | undefined): Promise<Outcome> {
  const r = rng(SEED + index * 7919);
  const outcome: Outcome = { requests: 0, failures: [] };
  const tools: Tool[] = TOOL_NAMES.filter(() => r.chance(0.5)).map((name) => ({ name, description: `The ${name} tool`, parameters: { type: "object", properties: { q: { type: "number" } } } }));
  const names = new ToolNames(tools.map((t) => t.name));
  const messages: Message[] = [];
  let modelId = r.pick(models);
  let images = 0;
  const send = async (options: StreamOptions): Promise<AssistantMessage | undefined> => {
    const nonce = `history ${index} request ${outcome.requests++}`;
    const context: Context = { systemPrompt: `You are OpenClaw. (${nonce})${r.chance(0.3) ? "\n<!-- OPENCLAW_CACHE_BOUNDARY -->\nNow: 12:00." : ""}`, messages: [...messages], tools };
    if (r.chance(0.2)) context.systemPrompt += " Stable guidance. ".repeat(600);
    const model = toModel(modelId, env);
    const stream = streamTurn({}, model, context, options, env);
    for await (const _ of stream) void _;
    const message = await stream.result();
    const logged = find(nonce);
    const where = `history ${index} (seed ${SEED}), request ${outcome.requests - 1}, ${modelId}, ${JSON.stringify(options)}`;
    if (message.stopReason === "error" || message.stopReason === "aborted") {
      outcome.failures.push(`${where}: ${message.errorMessage}`);
      return undefined;
    }
    if (!logged?.reply) {
      outcome.failures.push(`${where}: the emulator saw no such request`);
      return undefined;
    }
    try {
      assert.deepEqual(message.content, expectedContent(logged.reply, names));
    } catch (error) {
      outcome.failures.push(`${where}: reply differs: ${(error as Error).message.slice(0, 600)}`);
    }
    return message;
  };
  const turns = r.int(1, 3);
  for (let t = 0; t < turns; t++) {
    if (t > 0 && r.chance(0.3)) modelId = r.pick(models);
    if (r.chance(0.1)) messages.push({ role: "user", content: "earlier" }, ...otherProviderTurn(r));
    if (r.chance(0.1)) messages.push({ role: "user", content: "retry this" }, failedTurn(r));
    const options = (): StreamOptions => ({ reasoning: r.pick(LEVELS), cacheRetention: r.pick(RETENTION), ...(r.chance(0.4) ? { temperature: r.pick([0, 0.3, 0.7, 1]) } : {}), ...(r.chance(0.1) ? { maxTokens: r.int(64, 2048) } : {}) });
    const tool = tools.length > 0 && r.chance(0.5) ? r.pick(tools) : undefined;
    const directive = tool ? ` [[emulator:tool ${names.toBedrock(tool.name)} {"q":${r.int(1, 9)}}]]` : r.chance(0.15) ? " [[emulator:redacted]]" : "";
    const image = images < 8 && r.chance(0.2);
    if (image) images++;
    messages.push({ role: "user", content: image ? [{ type: "text", text: `Turn ${t}: look.${directive}` }, { type: "image", data: PNG, mimeType: "image/png" }] : `Turn ${t}: hello.${directive}` });
    const reply = await send(options());
    if (!reply) return outcome;
    messages.push(reply);
    if (reply.stopReason !== "toolUse") continue;
    for (const call of reply.content.filter((b) => b.type === "toolCall")) {
      const withImage = images < 8 && r.chance(0.15);
      if (withImage) images++;
      messages.push({ role: "toolResult", toolCallId: (call as { id: string }).id, toolName: (call as { name: string }).name, isError: r.chance(0.2), content: withImage ? [{ type: "image", data: PNG, mimeType: "image/png" }] : r.chance(0.1) ? [] : [{ type: "text", text: `result ${t}` }] });
    }
    if (r.chance(0.7)) messages.push({ role: "user", content: "<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>\ncwd: /work\n<<<END_OPENCLAW_INTERNAL_CONTEXT>>>" });
    // Thinking may be switched on (or the model changed) for the continuation of the round trip.
    if (r.chance(0.2)) modelId = r.pick(models);
    const after = await send(options());
    if (!after) return outcome;
    messages.push(after);
  }
  return outcome;
}

test(`${HISTORIES} generated histories through the stream function: 0 refused requests, 0 failures, replies as sent`, { timeout: 600_000 }, async (t) => {
  const catalog = withLatestModels(fixtureCatalog());
  const emulator = await startEmulator({ catalog, replyText: "A reply from the emulator, long enough to arrive in several chunks." });
  const sb = makeSandbox();
  const saved = process.env;
  try {
    process.env = emulatorEnv(sb, emulator, envKeys());
    const models = invocableTextModels(catalog);
    assert.ok(models.some((m) => m.includes("claude-opus-4-7")) && models.some((m) => m.includes("nova")) && models.some((m) => m.includes("llama")), "every family is in play");
    const byNonce = new Map<string, LoggedRequest>();
    let indexed = 0;
    const find = (nonce: string) => {
      for (; indexed < emulator.requests.length; indexed++) {
        const entry = emulator.requests[indexed]!;
        const text = (entry.converse?.system ?? []).map((b) => b.text ?? "").join(" ");
        const found = /\((history \d+ request \d+)\)/.exec(text)?.[1];
        if (found) byNonce.set(found, entry);
      }
      return byNonce.get(nonce);
    };
    let next = 0;
    const outcomes: Outcome[] = [];
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < HISTORIES) outcomes.push(await runHistory(next++, models, process.env, find));
      }),
    );
    const converse = emulator.requests.filter((e) => e.operation === "ConverseStream");
    const refused = converse.filter((e) => e.status !== 200);
    const failures = outcomes.flatMap((o) => o.failures);
    const requests = outcomes.reduce((n, o) => n + o.requests, 0);
    // What the histories held, so a generator that stopped generating the hard cases fails too.
    const seen = {
      requests,
      thinking: converse.filter((e) => e.converse?.additionalModelRequestFields?.thinking || e.converse?.additionalModelRequestFields?.reasoningConfig).length,
      effort: converse.filter((e) => e.converse?.additionalModelRequestFields?.output_config).length,
      toolResults: converse.filter((e) => JSON.stringify(e.converse?.messages ?? []).includes('"toolResult"')).length,
      images: converse.filter((e) => JSON.stringify(e.converse?.messages ?? []).includes('"image"')).length,
      imageNotes: converse.filter((e) => JSON.stringify(e.converse?.messages ?? []).includes("reads text only")).length,
      signedReplayed: converse.filter((e) => JSON.stringify(e.converse?.messages ?? []).includes('"reasoningText"')).length,
      redactedReplayed: converse.filter((e) => JSON.stringify(e.converse?.messages ?? []).includes('"redactedContent"')).length,
      retold: converse.filter((e) => JSON.stringify(e.converse?.messages ?? []).includes("(I called the tool")).length,
      cachePoints: converse.filter((e) => JSON.stringify(e.converse ?? {}).includes('"cachePoint"')).length,
      families: new Set(converse.map((e) => (e.modelId ?? "").replace(/^(us|eu|global|apac)\./, "").split(/-\d/)[0])).size,
    };
    t.diagnostic(JSON.stringify(seen));
    assert.equal(outcomes.length, HISTORIES);
    assert.ok(requests >= HISTORIES, `${requests} requests`);
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of ${requests} requests failed`);
    assert.deepEqual(refused.slice(0, 3).map((e) => `${e.modelId} ${e.status}`), [], `${refused.length} refused`);

    for (const [what, count] of Object.entries(seen)) assert.ok(count > 0, `the histories held no ${what}`);
  } finally {
    process.env = saved;
    await emulator.stop();
    sb.cleanup();
  }
});
