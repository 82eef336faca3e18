// The doctor's AWS calls: resolve the credentials, ask STS who they belong to, stream one Converse reply (through
// the transport OpenClaw's turns use). Loads the SDK.
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { BedrockClient, GetGuardrailCommand } from "@aws-sdk/client-bedrock";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { authConfig, clientConfig, deadline, http1Handler, withDeadline, type ClientContext } from "../aws/client-config.js";
import { converseCall, StreamCallError } from "../transport/converse-call.js";
import { createRuntimeClient } from "../transport/runtime-client.js";
import { ConverseReducer, StopError } from "../transport/converse-events.js";
import { buildConverseRequest } from "../transport/converse-request.js";
import { applyTurnSettings, type TurnSettings } from "../transport/turn-settings.js";
import { BEDROCK_API, PROVIDER_ID } from "../bedrock/ids.js";

export { fetchCatalogSettled } from "../bedrock/fetch-catalog.js";
export { probeEmbedding } from "../embeddings/embedder.js";

export interface ResolvedCredentials {
  accessKeyId: string;
  expiration?: Date;
  temporary: boolean;
}

/** Runs the provider for the detected source, as the SDK would before signing; the secret never leaves this function. */
export async function resolveCredentials(ctx: ClientContext): Promise<ResolvedCredentials> {
  const { credentials } = authConfig(ctx) as { credentials?: (options?: unknown) => Promise<{ accessKeyId: string; sessionToken?: string; expiration?: Date }> };
  if (!credentials) throw Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
  const timer = deadline(ctx.timeoutMs);
  try {
    const resolved = await Promise.race([
      credentials(),
      timer.expired,
    ]);
    return { accessKeyId: resolved.accessKeyId, expiration: resolved.expiration, temporary: Boolean(resolved.sessionToken) };
  } finally {
    timer.clear();
  }
}

export async function getCallerIdentity(ctx: ClientContext): Promise<{ account?: string; arn?: string; userId?: string }> {
  const client = new STSClient({ requestHandler: http1Handler(ctx), maxAttempts: 2, ...clientConfig(ctx) });
  try {
    const out = await withDeadline(ctx.timeoutMs, (abortSignal) => client.send(new GetCallerIdentityCommand({}), { abortSignal }));
    return { account: out.Account, arn: out.Arn, userId: out.UserId };
  } finally {
    client.destroy();
  }
}

export interface StreamResult {
  text: string;
  ttftMs?: number;
  latencyMs: number;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  stopReason?: string;
}

export { StreamCallError };

const runtimeClients = new WeakMap<ClientContext, BedrockRuntimeClient>();

/** Builds the runtime client ahead of time (the doctor does it while other calls wait on the network). */
export function prepareRuntimeClient(ctx: ClientContext): BedrockRuntimeClient {
  let client = runtimeClients.get(ctx);
  if (!client) {
    client = createRuntimeClient(ctx);
    runtimeClients.set(ctx, client);
  }
  return client;
}

/** A monotonic clock in milliseconds. (The `performance` global would load perf_hooks and eight more modules: ≈0.4 ms.) */
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** The doctor's test call: one user prompt through the same request builder, call and reducer as OpenClaw's turns. */
export async function converseStream(ctx: ClientContext, input: { modelId: string; prompt: string; maxTokens: number; settings?: TurnSettings; onText(text: string): void }): Promise<StreamResult> {
  const client = prepareRuntimeClient(ctx);
  const started = nowMs();
  let ttftMs: number | undefined;
  const model = { id: input.modelId, api: BEDROCK_API, provider: PROVIDER_ID, maxTokens: input.maxTokens };
  const { request, toolNames } = buildConverseRequest(model, { messages: [{ role: "user", content: input.prompt }] }, { maxTokens: input.maxTokens });
  // The guardrail, tier and latency a turn would carry: the test call proves the service takes them.
  if (input.settings) applyTurnSettings(request, input.settings);
  const reducer = new ConverseReducer(model, toolNames, (event) => {
    if (event.type !== "text_delta") return;
    ttftMs ??= Math.round(nowMs() - started);
    input.onText(event.delta);
  });
  try {
    await converseCall(client, request, reducer, { deadlineMs: ctx.timeoutMs });
    try {
      reducer.finish();
    } catch (error) {
      if (!(error instanceof StopError)) throw new StreamCallError("stream", error, reducer.text);
    }
  } finally {
    client.destroy();
  }
  const { usage } = reducer.message;
  return { text: reducer.text, ttftMs, latencyMs: Math.round(nowMs() - started), inputTokens: usage.input, outputTokens: usage.output, cacheReadTokens: usage.cacheRead, cacheWriteTokens: usage.cacheWrite, stopReason: reducer.stopReason };
}

/** GetGuardrail (needs bedrock:GetGuardrail): the guardrail's name and status, to show it exists. */
export async function getGuardrail(ctx: ClientContext, guardrailIdentifier: string, guardrailVersion: string): Promise<{ name?: string; status?: string; version?: string }> {
  const client = new BedrockClient({ requestHandler: http1Handler(ctx), maxAttempts: 2, ...clientConfig(ctx) });
  try {
    const out = await withDeadline(ctx.timeoutMs, (abortSignal) => client.send(new GetGuardrailCommand({ guardrailIdentifier, guardrailVersion }), { abortSignal }));
    return { name: out.name, status: out.status, version: out.version };
  } finally {
    client.destroy();
  }
}
