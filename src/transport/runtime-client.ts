// The bedrock-runtime client for a target's context: HTTP/2 as the runtime client speaks by default, HTTP/1.1
// through a proxy; one attempt (the callers decide what to retry). Turns, the doctor's test call and embeddings
// all make theirs here. Loads the SDK.
import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttp2Handler } from "@smithy/node-http-handler";
import { clientConfig, http1Handler, usesProxy, type ClientContext } from "../aws/client-config.js";

/**
 * `sharedSession`: the client's HTTP/2 requests share one session (many small InvokeModel calls, such as an
 * index's embeddings, each opening their own would cost a session's buffers apiece); without it, a session per
 * stream (a turn).
 */
export function createRuntimeClient(ctx: ClientContext, { sharedSession = false }: { sharedSession?: boolean } = {}): BedrockRuntimeClient {
  const requestHandler = usesProxy(ctx)
    ? http1Handler(ctx)
    : new NodeHttp2Handler({ requestTimeout: ctx.timeoutMs, sessionTimeout: ctx.timeoutMs, disableConcurrentStreams: !sharedSession });
  return new BedrockRuntimeClient({ requestHandler, maxAttempts: 1, ...clientConfig(ctx) });
}
