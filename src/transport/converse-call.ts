// One ConverseStream call: send the request, feed every event to the reducer, and say in which phase a failure
// came (before the reply started, or mid-stream). The doctor's test call and OpenClaw's turns both come here. Loads the SDK.
import { ConverseStreamCommand, type BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { deadline } from "../aws/client-config.js";
import type { ConverseEvent, ConverseReducer } from "./converse-events.js";
import type { ConverseRequest } from "./types.js";

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

export interface ConverseCallOptions {
  /** Cancels the call at once (the HTTP/2 stream is reset). */
  signal?: AbortSignal;
  /** Bounds the whole call (the doctor); without it, the handler's idle timeout bounds each wait. */
  deadlineMs?: number;
  /** Called once the reply has started (response headers in). */
  onResponse?(): void;
}

export async function converseCall(client: BedrockRuntimeClient, request: ConverseRequest, reducer: ConverseReducer, options: ConverseCallOptions = {}): Promise<void> {
  const timer = options.deadlineMs ? deadline(options.deadlineMs) : undefined;
  const signal = timer && options.signal ? AbortSignal.any([timer.signal, options.signal]) : (timer?.signal ?? options.signal);
  const stopped = () => (signal?.aborted ? signal.reason : undefined);
  let phase: "request" | "stream" = "request";
  try {
    const sending = client.send(new ConverseStreamCommand(request), { abortSignal: signal });
    const response = await (timer ? Promise.race([sending, timer.expired]) : sending);
    phase = "stream";
    options.onResponse?.();
    // No cast: the SDK's own ConverseStreamOutput must fit the narrowed ConverseEvent this reducer reads.
    const events: AsyncIterator<ConverseEvent> = response.stream![Symbol.asyncIterator]();
    for (;;) {
      const next = await (timer ? Promise.race([events.next(), timer.expired]) : events.next());
      if (next.done) break;
      if (signal?.aborted) throw signal.reason;
      reducer.apply(next.value);
    }
  } catch (error) {
    throw new StreamCallError(phase, stopped() ?? error, reducer.text);
  } finally {
    timer?.clear();
  }
}
