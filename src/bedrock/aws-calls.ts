// The doctor's AWS calls: resolve the credentials, ask STS who they belong to, stream one Converse reply. Loads the SDK.
import { BedrockRuntimeClient, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttp2Handler } from "@smithy/node-http-handler";
import { authConfig, clientConfig, deadline, http1Handler, usesProxy, withDeadline, type ClientContext } from "./aws-config.js";

export { fetchCatalogSettled } from "./fetch-catalog.js";

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
  stopReason?: string;
}

/** An error from the streamed call, saying whether the stream had started (a cut or an exception event) or not. */
export class StreamCallError extends Error {
  constructor(
    readonly phase: "request" | "stream",
    readonly error: unknown,
    readonly partialText: string,
  ) {
    super((error as Error)?.message ?? String(error));
    this.name = "StreamCallError";
  }
}

const runtimeClients = new WeakMap<ClientContext, BedrockRuntimeClient>();

/** Builds the runtime client ahead of time (the doctor does it while other calls wait on the network). */
export function prepareRuntimeClient(ctx: ClientContext): BedrockRuntimeClient {
  let client = runtimeClients.get(ctx);
  if (!client) {
    // HTTP/2 as the runtime client speaks by default; HTTP/1.1 through a proxy, which HTTP/2 cannot cross here.
    const requestHandler = usesProxy(ctx) ? http1Handler(ctx) : new NodeHttp2Handler({ requestTimeout: ctx.timeoutMs, sessionTimeout: ctx.timeoutMs, disableConcurrentStreams: true });
    client = new BedrockRuntimeClient({ requestHandler, maxAttempts: 1, ...clientConfig(ctx) });
    runtimeClients.set(ctx, client);
  }
  return client;
}

/** A monotonic clock in milliseconds. (The `performance` global would load perf_hooks and eight more modules: ≈0.4 ms.) */
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export async function converseStream(ctx: ClientContext, input: { modelId: string; prompt: string; maxTokens: number; onText(text: string): void }): Promise<StreamResult> {
  const client = prepareRuntimeClient(ctx);
  const timer = deadline(ctx.timeoutMs);
  const started = nowMs();
  let phase: "request" | "stream" = "request";
  let text = "";
  const result: StreamResult = { text: "", latencyMs: 0 };
  try {
    const response = await Promise.race([
      client.send(
        new ConverseStreamCommand({ modelId: input.modelId, messages: [{ role: "user", content: [{ text: input.prompt }] }], inferenceConfig: { maxTokens: input.maxTokens } }),
        { abortSignal: timer.signal },
      ),
      timer.expired,
    ]);
    phase = "stream";
    const events = response.stream![Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([events.next(), timer.expired]);
      if (next.done) break;
      const event = next.value;
      const delta = event.contentBlockDelta?.delta?.text;
      if (delta) {
        result.ttftMs ??= Math.round(nowMs() - started);
        text += delta;
        input.onText(delta);
      }
      if (event.messageStop) result.stopReason = event.messageStop.stopReason;
      if (event.metadata?.usage) {
        result.inputTokens = event.metadata.usage.inputTokens;
        result.outputTokens = event.metadata.usage.outputTokens;
      }
    }
    if (!result.stopReason) throw Object.assign(new Error("the stream ended before messageStop"), { code: "ERR_STREAM_PREMATURE_CLOSE" });
    return { ...result, text, latencyMs: Math.round(nowMs() - started) };
  } catch (error) {
    throw new StreamCallError(phase, timer.signal.aborted ? timer.signal.reason : error, text);
  } finally {
    timer.clear();
    client.destroy();
  }
}
