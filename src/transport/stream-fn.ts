// OpenClaw's stream function for api bedrock-converse-stream: one agent turn through ConverseStream, with this
// project's region and credential chains, proxy and timeouts. Never throws: a failure ends the stream through
// the error event, worded so OpenClaw classifies it (a throttle is a rate limit it backs off from). Loads the SDK.
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { ClientContext } from "../aws/client-config.js";
import { classifyAwsError, type ErrorContext } from "../bedrock/classify-error.js";
import { regionOfArn } from "../bedrock/model-id.js";
import { endpointSettingError, endpointUrlProblem, isDefaultEndpoint, regionOfEndpoint } from "../aws/endpoint.js";
import { RUNTIME_ENDPOINT_KEY } from "../config/endpoint-fields.js";
import { resolveAwsTarget, type AwsTarget } from "../aws/target.js";
import { DEFAULT_TURN_IDLE_TIMEOUT_MS, envTurnTimeoutMs, TURN_TIMEOUT_VARIABLE } from "../aws/timeouts.js";
import { readDiscoveryOptions } from "../config/discovery-options.js";
import { learnedRuleFor, learnFromRefusal, rememberRule } from "../bedrock/learned-rules.js";
import { modelFamily } from "../bedrock/model-limits.js";
import { resolveStateDir } from "../config/paths.js";
import { converseCall, StreamCallError } from "./converse-call.js";
import { createRuntimeClient } from "./runtime-client.js";
import { ConverseReducer, emptyAssistantMessage, StopError } from "./converse-events.js";
import { buildConverseRequest, capabilityId, RequestError, takesVideo, type BuiltRequest } from "./converse-request.js";
import { AssistantEventStream } from "./event-stream.js";
import { describeIntervention } from "./guardrail-trace.js";
import { applyTurnSettings, readTurnSettings } from "./turn-settings.js";
import type { AssistantMessage, AssistantMessageEvent, Context, ConverseRequest, Model, StreamOptions } from "./types.js";

export function streamTurn(config: unknown, model: Model, context: Context, options: StreamOptions = {}, env: NodeJS.ProcessEnv = process.env): AssistantEventStream {
  const stream = new AssistantEventStream();
  void runTurn(stream, config, model, context, options, env);
  return stream;
}

async function runTurn(stream: AssistantEventStream, config: unknown, model: Model, context: Context, options: StreamOptions, env: NodeJS.ProcessEnv): Promise<void> {
  let output = emptyAssistantMessage(model);
  let errorContext: ErrorContext = { operation: "ConverseStream", modelId: model.id };
  let guarded = false;
  try {
    options.signal?.throwIfAborted();
    const capability = capabilityId(model);
    context = await withNativeVideo(context, options, takesVideo({ model, family: modelFamily(capability) }));
    // Read from this turn's config, not the plugin's start-up copy: a change applies on the next turn.
    const settings = readTurnSettings(config, model, env);
    guarded = settings.guardrail !== undefined;
    const build = () => {
      const next = buildConverseRequest(model, context, options, learnedRuleFor(env, capability));
      applyTurnSettings(next.request, settings);
      return next;
    };
    let built = build();
    const target = turnTarget(config, model, options, env);
    await target.detect();
    const ctx = target.client("bedrock-runtime");
    errorContext = target.errorContext("ConverseStream", { modelId: model.id });
    // A model that may refuse after it started answering (stop reason `refusal`), and any reply a guardrail checks
    // (it may replace or stop the reply after text was sent, in async mode after any of it), is held back until its
    // messageStop says the reply stands: a refused or blocked answer never reaches OpenClaw, not even in pieces.
    const held: AssistantMessageEvent[] | undefined = built.family.stopDetails || settings.guardrail ? [] : undefined;
    const reducer = new ConverseReducer(model, built.toolNames, (event) => (held ? held.push(event) : stream.push(event)), built.toolIds);
    output = reducer.message;
    stream.push({ type: "start", partial: output });
    try {
      await converseCall(runtimeClient(ctx), await payloadOf(built, model, options), reducer, { signal: options.signal });
    } catch (error) {
      // Refused for a parameter the model does not take: remember the model's rule, and send the turn again without it.
      const relearned = relearn(error, built, env, capability, build);
      if (!relearned) throw error;
      // Nothing reached the reducer (the reply never started); tool names and ids map the same from the same context.
      built = relearned;
      await converseCall(runtimeClient(ctx), await payloadOf(built, model, options), reducer, { signal: options.signal });
    }
    const { reason } = finishTurn(reducer, settings.guardrail);
    for (const event of held ?? []) stream.push(event);
    stream.push({ type: "done", reason, message: output });
    stream.end(output);
  } catch (error) {
    fail(stream, output, error, options.signal, errorContext, guarded);
  }
}

/**
 * OpenClaw 2026.9.6 hands a turn's native video only through a provider-context handoff in the options, keyed by a
 * symbol of its own (@openclaw/ai PROVIDER_CONTEXT_HANDOFF, "providerContextHandoff"), found here by its
 * description; the context it returns holds `video` blocks where the plain one has a note. Asked only for a model
 * that takes video (it loads the media again).
 */
export async function withNativeVideo(context: Context, options: StreamOptions, takesVideo: boolean): Promise<Context> {
  if (!takesVideo) return context;
  const key = Object.getOwnPropertySymbols(options).find((symbol) => symbol.description === "providerContextHandoff");
  const handoff = key ? (options as Record<symbol, unknown>)[key] : undefined;
  return typeof handoff === "function" ? ((await handoff()) as Context) : context;
}

/** The reply's end; a guardrail's stop names the guardrail and, with its trace on, what it matched. */
function finishTurn(reducer: ConverseReducer, guardrail: Parameters<typeof describeIntervention>[0]): ReturnType<ConverseReducer["finish"]> {
  try {
    return reducer.finish();
  } catch (error) {
    if (error instanceof StopError && error.stopReason === "guardrail_intervened") throw new StopError(error.stopReason, describeIntervention(guardrail, reducer.guardrailTrace));
    throw error;
  }
}

async function payloadOf(built: BuiltRequest, model: Model, options: StreamOptions): Promise<ConverseRequest> {
  return ((await options.onPayload?.(built.request, model)) ?? built.request) as ConverseRequest;
}

/**
 * The request again, once, when the service refused this one before the reply started for a parameter it names
 * and the model's learned rule now leaves that parameter out; undefined for any other failure.
 */
function relearn(error: unknown, built: BuiltRequest, env: NodeJS.ProcessEnv, capability: string, rebuild: () => BuiltRequest): BuiltRequest | undefined {
  if (!(error instanceof StreamCallError) || error.phase !== "request") return undefined;
  const cause = error.error as { name?: string; message?: string };
  if (cause?.name !== "ValidationException" || typeof cause.message !== "string") return undefined;
  const learned = learnFromRefusal(cause.message, built.sent);
  if (!learned) return undefined;
  rememberRule(env, capability, learned);
  const next = rebuild();
  return JSON.stringify(next.request) === JSON.stringify(built.request) ? undefined : next;
}

/**
 * A turn's target: the model's baseUrl as the endpoint when it is more than the public one (a VPC endpoint, FIPS,
 * a gateway); the region its model names (that endpoint's host or the ARN), else the discovery region, else the chain.
 */
function turnTarget(config: unknown, model: Model, options: StreamOptions, env: NodeJS.ProcessEnv): AwsTarget {
  const baseUrl = model.baseUrl?.trim();
  if (baseUrl && !isDefaultEndpoint(baseUrl, "bedrock-runtime") && endpointUrlProblem(baseUrl)) {
    throw new RequestError(endpointSettingError(`${RUNTIME_ENDPOINT_KEY} (the model's baseUrl)`, baseUrl, "bedrock-runtime"));
  }
  return resolveAwsTarget({
    env,
    modelRegion: regionOfEndpoint(baseUrl) ?? regionOfArn(model.id),
    endpoints: baseUrl ? { "bedrock-runtime": { url: baseUrl, setting: RUNTIME_ENDPOINT_KEY } } : undefined,
    configRegion: readDiscoveryOptions(config, env).options.region,
    timeout: { ms: options.timeoutMs ?? envTurnTimeoutMs(env) ?? DEFAULT_TURN_IDLE_TIMEOUT_MS, setting: TURN_TIMEOUT_VARIABLE },
    imds: { stateDir: resolveStateDir(env) },
  });
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
function fail(stream: AssistantEventStream, output: AssistantMessage, failure: unknown, signal: AbortSignal | undefined, ctx: ErrorContext, guarded = false): void {
  const aborted = Boolean(signal?.aborted);
  const stop = failure instanceof StopError ? failure : failure instanceof StreamCallError && failure.error instanceof StopError ? failure.error : undefined;
  // A refusal's text so far is not an answer, not even as a quote; nor is what a guardrail blocked, replaced or (cut
  // off before its verdict) had not yet passed.
  const refused = stop?.stopReason === "refusal" || stop?.stopReason === "guardrail_intervened" || guarded;
  const partial = refused ? "" : output.content.map((block) => (block.type === "text" ? block.text : "")).join("").trim();
  output.content = [];
  output.stopReason = aborted ? "aborted" : "error";
  const { message, code } = aborted ? { message: "Request was aborted", code: "aborted" } : describeFailure(failure, ctx);
  output.errorMessage = partial && !aborted ? `${message} [the reply so far: "${partial.length > 200 ? `${partial.slice(0, 200)}…` : partial}"]` : message;
  output.errorCode = code;
  stream.push({ type: "error", reason: output.stopReason, error: output });
  stream.end();
}

/** The service's ways of saying the prompt does not fit (Converse, and the model's own words mid-stream). */
const CONTEXT_OVERFLOW = /input is too long|too many input tokens|max(?:imum)? input tokens|prompt is too long|exceeds? (?:the )?(?:model'?s )?(?:maximum )?context|context window|model_context_window_exceeded/i;
/** Concurrency limits, which some models report outside a ThrottlingException. */
const TOO_MANY_REQUESTS = /too many (?:concurrent )?requests|too many connections/i;

/**
 * The AWS error's name and message, then our explanation and fix. Throttling is worded as a rate limit with
 * its HTTP status first (OpenClaw retries "429: … rate limit" with backoff, and reads "tokens per day" as a
 * quota); server errors keep their 5xx status, so OpenClaw retries them too.
 */
export function describeFailure(failure: unknown, ctx: ErrorContext): { message: string; code: string } {
  // The reducer's own verdicts (a malformed tool call, a refusal) come wrapped when they happen mid-stream.
  const own = failure instanceof StreamCallError && (failure.error instanceof StopError || failure.error instanceof RequestError) ? failure.error : failure;
  if (own instanceof StopError) return { message: own.message, code: own.stopReason };
  if (own instanceof RequestError) return { message: `Bedrock request not sent: ${own.message}`, code: "invalid_request" };
  const phase = failure instanceof StreamCallError ? failure.phase : "request";
  const error = (failure instanceof StreamCallError ? failure.error : failure) as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const classified = classifyAwsError(error, { ...ctx, phase });
  const name = error?.name && error.name !== "Error" ? error.name : classified.code;
  const said = String(error?.message ?? "").split("\n")[0] ?? "";
  const during = phase === "stream" ? " mid-stream" : "";
  // Worded so OpenClaw recognises an overflow ("context length exceeded"), compacts the session and retries.
  if ((name === "ValidationException" || name === "ModelStreamErrorException") && CONTEXT_OVERFLOW.test(said)) {
    return { message: `Bedrock: context length exceeded: the conversation is longer than the model's context window (${name}${during}: ${said})`, code: name };
  }
  if (classified.code === "throttled" || TOO_MANY_REQUESTS.test(said)) {
    const fix = classified.code === "throttled" ? classified.fix : "wait and retry; fewer turns at once, or ask AWS for a higher quota (Service Quotas, Amazon Bedrock)";
    return { message: `429: Bedrock rate limit (${name}): ${said} (${ctx.operation ?? "ConverseStream"}${during}; fix: ${fix})`, code: name };
  }
  const status = error?.$metadata?.httpStatusCode;
  const prefix = status && status >= 500 ? `${status}: ` : "";
  return { message: `${prefix}${name}: ${said || classified.cause} (${classified.cause}${during}; fix: ${classified.fix})`, code: name };
}
