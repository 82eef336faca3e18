// The stream OpenClaw gets from the plugin's stream function, returned at once: OpenClaw 2026.5.28 and 2026.6.35
// call `.result()` on the return value without awaiting it ("streamSimple(...).result is not a function" on a
// Promise). The transport, and the AWS SDK behind it, still load only on the first turn; this stream replays
// theirs once they have.
import { AssistantEventStream, emptyAssistantMessage } from "../transport/event-stream.js";
import type { AssistantMessage, AssistantMessageEvent, Model } from "../transport/types.js";

interface TransportStream extends AsyncIterable<AssistantMessageEvent> {
  result(): Promise<AssistantMessage>;
}

export function relayStream(model: Pick<Model, "api" | "provider" | "id">, load: () => Promise<TransportStream>): AssistantEventStream {
  const relay = new AssistantEventStream();
  void (async () => {
    try {
      const transport = await load();
      for await (const event of transport) relay.push(event);
      relay.end(await transport.result());
    } catch (error) {
      // Only a transport that failed to load gets here (the transport reports its own failures as events).
      const message: AssistantMessage = {
        ...emptyAssistantMessage(model),
        stopReason: "error",
        errorMessage: `the amazon-bedrock transport did not load: ${error instanceof Error ? error.message : String(error)}. fix: reinstall the plugin (openclaw plugins install openclaw-bedrock)`,
      };
      relay.push({ type: "error", reason: "error", error: message });
      relay.end();
    }
  })();
  return relay;
}
