// Client settings shared by every AWS SDK client: the detected credentials, region, timeouts and proxy. Loads the SDK.
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { HttpProxyAgent } from "http-proxy-agent";
import { HttpsProxyAgent } from "https-proxy-agent";
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

/** HTTP/1.1 handler with timeouts, through the proxy the environment names for this endpoint. */
export function http1Handler(ctx: ClientContext): NodeHttpHandler {
  const proxy = proxyFor(ctx.endpoint, ctx.env);
  const agents = proxy ? (ctx.endpoint.startsWith("https:") ? { httpsAgent: new HttpsProxyAgent(proxy) } : { httpAgent: new HttpProxyAgent(proxy) }) : {};
  return new NodeHttpHandler({
    connectionTimeout: Math.min(ctx.timeoutMs, 5000),
    requestTimeout: ctx.timeoutMs,
    throwOnRequestTimeout: true,
    ...agents,
  });
}

export function usesProxy(ctx: ClientContext): boolean {
  return proxyFor(ctx.endpoint, ctx.env) !== undefined;
}

/** Aborts after `ms`, so retries and slow credential providers can't outlive the deadline. */
export function deadline(ms: number): { signal: AbortSignal; expired: Promise<never>; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(Object.assign(new Error(`timed out after ${Math.round(ms / 1000)}s`), { name: "TimeoutError" })), ms);
  // For racing work the abort signal can't reach (a credential provider, a stream's next event).
  const expired = new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true }));
  expired.catch(() => undefined); // nobody racing it is not an error
  return { signal: controller.signal, expired, clear: () => clearTimeout(timer) };
}
