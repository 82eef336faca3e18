// Client settings shared by every AWS SDK client: the detected credentials, region, timeouts and proxy. Loads the SDK.
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { CredentialSource } from "./credentials.js";
import { credentialProviderFor } from "./credential-provider.js";
import { proxyFor } from "./proxy.js";

export interface ClientContext {
  region: string;
  source: CredentialSource;
  env: NodeJS.ProcessEnv;
  /** Bounds each HTTP request; the caller also bounds the whole call with an abort signal. */
  timeoutMs: number;
  endpoint: string;
  /** The endpoint was configured (a VPC endpoint, a gateway): the client is given it, as code gives one. */
  explicitEndpoint?: boolean;
}

/** The credentials that sign requests are the ones detected: each source gets its own provider, not the whole chain. */
export function authConfig(ctx: ClientContext): Record<string, unknown> {
  const { source, env } = ctx;
  if (source.kind === "bearer-token") {
    return { token: { token: env.AWS_BEARER_TOKEN_BEDROCK!.trim() }, authSchemePreference: ["httpBearerAuth"] };
  }
  // Nothing detected: no provider, so the SDK tries its own chain and says what is missing.
  const credentials = credentialProviderFor(source, ctx.timeoutMs);
  return { ...(credentials ? { credentials } : {}), authSchemePreference: ["sigv4"] };
}

/** What every client gets: the region, the detected credentials, and a plain collector for response bodies. */
export function clientConfig(ctx: ClientContext): Record<string, unknown> {
  // Signed for service `bedrock` and the client's region whatever the host (the endpoint rules' default for a
  // custom endpoint); a bearer token goes to it as it would to the public one.
  return { region: ctx.region, streamCollector: collectBody, ...(ctx.explicitEndpoint ? { endpoint: ctx.endpoint } : {}), ...authConfig(ctx) };
}

/**
 * Reads a response body (a Node stream) into bytes. The SDK's own collector first asks whether the body is a
 * web ReadableStream or a Blob, and merely naming those globals loads Node's web streams (≈0.5 ms).
 * The first bytes stay on the stream object (`collectedHead`): an error's `$response.body` is that object,
 * so a message can show what answered when it was not AWS.
 */
function collectBody(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer | string) => chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk));
    stream.on("end", () => {
      const body = Buffer.concat(chunks);
      (stream as { collectedHead?: string }).collectedHead = body.subarray(0, 200).toString("utf8");
      resolve(new Uint8Array(body));
    });
    stream.on("error", reject);
  });
}

/**
 * HTTP/1.1 handler with timeouts, through the proxy the environment names for this endpoint. The handler
 * takes its options from a provider, so the proxy agents' code loads only when a proxy applies.
 */
export function http1Handler(ctx: ClientContext): NodeHttpHandler {
  const proxy = proxyFor(ctx.endpoint, ctx.env);
  return new NodeHttpHandler(async () => ({
    connectionTimeout: Math.min(ctx.timeoutMs, 5000),
    requestTimeout: ctx.timeoutMs,
    throwOnRequestTimeout: true,
    ...(proxy ? (await import("./proxy-agents.js")).proxyAgents(ctx.endpoint, proxy) : {}),
  }));
}

export function usesProxy(ctx: ClientContext): boolean {
  return proxyFor(ctx.endpoint, ctx.env) !== undefined;
}

/** Aborts after `ms`, so retries and slow credential providers can't outlive the deadline. */
export function deadline(ms: number, message = `timed out after ${Math.round(ms / 1000)}s`): { signal: AbortSignal; expired: Promise<never>; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(Object.assign(new Error(message), { name: "TimeoutError" })), ms);
  // For racing work the abort signal can't reach (a credential provider, a stream's next event).
  const expired = new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true }));
  expired.catch(() => undefined); // nobody racing it is not an error
  return { signal: controller.signal, expired, clear: () => clearTimeout(timer) };
}

/** Runs `run` under a deadline; when the deadline is what ended it, the timeout is the error, not the abort. */
export async function withDeadline<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const timer = deadline(ms);
  try {
    return await run(timer.signal);
  } catch (error) {
    throw timer.signal.aborted ? timer.signal.reason : error;
  } finally {
    timer.clear();
  }
}
