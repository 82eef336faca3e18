// The only writers to stdout/stderr: one line, or one JSON document.
import type { OutputStream } from "../runtime.js";

export function writeLine(stream: OutputStream, line: string): void {
  stream.write(`${line}\n`);
}

export function writeJson(stream: OutputStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}
