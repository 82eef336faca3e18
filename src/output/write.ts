// The only writers to stdout/stderr: one line, or one JSON document.
import type { Writable } from "node:stream";

export function writeLine(stream: Writable, line: string): void {
  stream.write(`${line}\n`);
}

export function writeJson(stream: Writable, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}
