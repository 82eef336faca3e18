// OpenClaw's stream function for api bedrock-converse-stream: one agent turn through ConverseStream, with this
// project's region and credential chains, proxy and timeouts. Never throws: a failure ends the stream through
// the error event, worded so OpenClaw classifies it (a throttle is a rate limit it backs off from). Loads the SDK.
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { ClientContext } from "../bedrock/aws-config.js";
import { classifyAwsError, type ErrorContext } from "../bedrock/classify-error.js";
import { detectCredentialSource } from "../bedrock/credentials.js";
import { regionOfArn } from "../bedrock/model-id.js";
import { endpointFor, proxyContext } from "../bedrock/proxy.js";
import { resolveRegion } from "../bedrock/region.js";
import { DEFAULT_TURN_IDLE_TIMEOUT_MS, envTurnTimeoutMs, TURN_TIMEOUT_VARIABLE } from "../bedrock/timeouts.js";
import { readDiscoveryOptions } from "../config/discovery-options.js";
import { resolveStateDir } from "../config/paths.js";
import { converseCall, createRuntimeClient, StreamCallError } from "./converse-call.js";
import { ConverseReducer, emptyAssistantMessage, StopError } from "./converse-events.js";
import { buildConverseRequest, RequestError } from "./converse-request.js";
import { AssistantEventStream } from "./event-stream.js";
import type { AssistantMessage, Context, ConverseRequest, Model, StreamOptions } from "./types.js";

export function streamTurn(config: unknown, model: Model, context: Context, options: StreamOptions = {}, env: NodeJS.ProcessEnv = process.env): AssistantEventStream {
  const stream = new AssistantEventStream();
  void runTurn(stream, config, model, context, options, env);
  return stream;
}

async function runTurn(stream: AssistantEventStream, config: unknown, model: Model, context: Context, options: StreamOptions, env: NodeJS.ProcessEnv): Promise<void> {
  let output = emptyAssistantMessage(model);
  let errorContext: ErrorContext = { operation: "ConverseStream", modelId: model.id };
  try {
    options.signal?.throwIfAborted();
    const { request, toolNames } = buildConverseRequest(model, context, options);
    const payload = ((await options.onPayload?.(request, model)) ?? request) as ConverseRequest;
    const ctx = await clientContext(config, model, options, env);
    errorContext = { ...errorContext, region: ctx.region, endpoint: ctx.endpoint, credentialKind: ctx.source.kind, profileName: ctx.source.profileName, proxy: proxyContext(ctx.endpoint, env), timeoutSeconds: Math.round(ctx.timeoutMs / 1000), timeoutSetting: TURN_TIMEOUT_VARIABLE };
    const reducer = new ConverseReducer(model, toolNames, (event) => stream.push(event));
    output = reducer.message;
    stream.push({ type: "start", partial: output });
    await converseCall(runtimeClient(ctx), payload, reducer, { signal: options.signal });
    const { reason } = reducer.finish();
    stream.push({ type: "done", reason, message: output });
    stream.end(output);
  } catch (error) {
    fail(stream, output, error, options.signal, errorContext);
  }
}

/** The region: the model's endpoint (or ARN), else the discovery region, else the AWS SDK's chain. */
async function clientContext(config: unknown, model: Model, options: StreamOptions, env: NodeJS.ProcessEnv): Promise<ClientContext> {
  const fromModel = /bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(model.baseUrl ?? "")?.[1] ?? regionOfArn(model.id);
  const region = fromModel ?? resolveRegion({ env, configRegion: readDiscoveryOptions(config, env).options.region }).region;
  const { source } = await detectCredentialSource({ env, imds: { stateDir: resolveStateDir(env) } });
  const timeoutMs = options.timeoutMs ?? envTurnTimeoutMs(env) ?? DEFAULT_TURN_IDLE_TIMEOUT_MS;
  return { region, source, env, timeoutMs, endpoint: endpointFor("bedrock-runtime", region, env) };
}

// One client per region, credentials and endpoint, kept for the process: a turn reuses the connection and the
// credential provider's cache instead of paying for both again.
const clients = new Map<string, BedrockRuntimeClient>();

function runtimeClient(ctx: ClientContext): BedrockRuntimeClient {
  const key = `${ctx.region}\n${ctx.source.identityKey}\n${ctx.endpoint}\n${ctx.timeoutMs}`;
  let client = clients.get(key);
  if (!client) {
    client = createRuntimeClient(ctx);
    clients.set(key, client);
  }
  return client;
}

/**
 * Ends the stream through OpenClaw's failure path: stopReason error (or aborted), and a message naming what
 * failed. The partial reply is dropped from the message (OpenClaw takes any text it holds as the answer, and
 * would show a cut or guardrail-replaced reply as if it were whole); the message says what was there.
 */
function fail(stream: AssistantEventStream, output: AssistantMessage, failure: unknown, signal: AbortSignal | undefined, ctx: ErrorContext): void {
  const aborted = Boolean(signal?.aborted);
  const partial = output.content.map((block) => (block.type === "text" ? block.text : "")).join("").trim();
  output.content = [];
  output.stopReason = aborted ? "aborted" : "error";
  const { message, code } = aborted ? { message: "Request was aborted", code: "aborted" } : describeFailure(failure, ctx);
  output.errorMessage = partial && !aborted ? `${message} [the reply so far: "${partial.length > 200 ? `${partial.slice(0, 200)}…` : partial}"]` : message;
  output.errorCode = code;
  stream.push({ type: "error", reason: output.stopReason, error: output });
  stream.end();
}

/**
 * The AWS error's name and message, then our explanation and fix. Throttling is worded as a rate limit with
 * its HTTP status first (OpenClaw retries "429: … rate limit" with backoff, and reads "tokens per day" as a
 * quota); server errors keep their 5xx status, so OpenClaw retries them too.
 */
export function describeFailure(failure: unknown, ctx: ErrorContext): { message: string; code: string } {
  if (failure instanceof StopError) return { message: failure.message, code: failure.stopReason };
  if (failure instanceof RequestError) return { message: `Bedrock request not sent: ${failure.message}`, code: "invalid_request" };
  const phase = failure instanceof StreamCallError ? failure.phase : "request";
  const error = (failure instanceof StreamCallError ? failure.error : failure) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const classified = classifyAwsError(error, { ...ctx, phase });
  const name = error?.name && error.name !== "Error" ? error.name : classified.code;
  const said = String(error?.message ?? "").split("\n")[0] ?? "";
  const during = phase === "stream" ? " mid-stream" : "";
  if (classified.code === "throttled") {
    return { message: `429: Bedrock rate limit (${name}): ${said} (${ctx.operation ?? "ConverseStream"}${during}; fix: ${classified.fix})`, code: name };
  }
  const status = error?.$metadata?.httpStatusCode;
  const prefix = status && status >= 500 ? `${status}: ` : "";
  return { message: `${prefix}${name}: ${said || classified.cause} (${classified.cause}${during}; fix: ${classified.fix})`, code: name };
}
