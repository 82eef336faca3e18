// Parses config paths such as `models.providers["amazon-bedrock"].models[0].id` into segments.
import { UsageError } from "../errors.js";
import { parseDocument } from "./json5-parser.js";

export type PathSegment = string | number;

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);
const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** Splits a dot/bracket path. Throws a UsageError naming the position of the first mistake. */
export function parseConfigPath(input: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new UsageError(
      `invalid config path "${input}": ${why}`,
      'use dot and bracket notation, e.g. models.providers["amazon-bedrock"].models[0].id',
    );
  };
  if (input.trim() === "") fail("the path is empty");
  let expectSegment = true;
  while (i < input.length) {
    const ch = input[i];
    if (ch === "[") {
      const close = findBracketEnd(input, i, fail);
      const inner = input.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^(["']).*\1$/s.test(inner)) segments.push(unquote(inner, fail));
      else fail(`bracket segment [${inner}] must be an array index or a quoted key`);
      i = close + 1;
      expectSegment = false;
      continue;
    }
    if (ch === ".") {
      if (expectSegment) fail(`empty segment at position ${i + 1}`);
      expectSegment = true;
      i++;
      continue;
    }
    if (!expectSegment) fail(`expected "." or "[" at position ${i + 1}`);
    let end = i;
    while (end < input.length && input[end] !== "." && input[end] !== "[") end++;
    const name = input.slice(i, end);
    if (!IDENTIFIER.test(name) && !/^\d+$/.test(name)) fail(`"${name}" needs brackets and quotes: ["${name}"]`);
    segments.push(name);
    expectSegment = false;
    i = end;
  }
  if (expectSegment) fail("the path ends with a dot");
  for (const segment of segments) {
    if (segment === "") fail("empty key");
    if (typeof segment === "string" && FORBIDDEN.has(segment)) fail(`"${segment}" is not allowed as a key`);
  }
  return segments;
}

function findBracketEnd(input: string, open: number, fail: (why: string) => never): number {
  let quote: string | null = null;
  for (let j = open + 1; j < input.length; j++) {
    const c = input[j];
    if (quote) {
      if (c === "\\") j++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "]") return j;
  }
  return fail(`unclosed "[" at position ${open + 1}`);
}

function unquote(quoted: string, fail: (why: string) => never): string {
  try {
    const { body } = parseDocument(quoted);
    if (body.type === "String") return body.value;
  } catch {
    // reported below
  }
  return fail(`cannot read the quoted key ${quoted}`);
}

/** The canonical spelling of a path, as messages print it. */
export function formatConfigPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
