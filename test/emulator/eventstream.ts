// Frames for `application/vnd.amazon.eventstream`: the binary framing (prelude, headers, payload, CRCs) ConverseStream answers in.
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ":event-type": { type: "string", value: eventType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** A modelled exception inside the stream, e.g. `throttlingException` after some chunks. */
export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ":exception-type": { type: "string", value: exceptionType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "exception" },
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

export function decodeFrames(bytes: Uint8Array): { headers: Record<string, unknown>; body: string }[] {
  const frames: { headers: Record<string, unknown>; body: string }[] = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0);
    const message = codec.decode(bytes.subarray(offset, offset + length));
    const headers: Record<string, unknown> = {};
    for (const [key, header] of Object.entries(message.headers)) headers[key] = header.value;
    frames.push({ headers, body: toUtf8(message.body) });
    offset += length;
  }
  return frames;
}
