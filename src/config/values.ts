// Turns the `<value>` argument of `config set` into the value to write.
import { UsageError } from "../errors.js";
import { parseJson5 } from "./json5-edit.js";
import { parseDocument, type ValueNode } from "./json5-parser.js";
import { maskText } from "./secrets.js";
import type { FieldKind } from "./schema.js";

/** JSON5 first, else the raw string; `--strict-json` makes a non-JSON value an error instead. */
export function parseCliValue(raw: string, options: { strictJson?: boolean; secret?: boolean; stringField?: boolean } = {}): { value: unknown; parsed: boolean } {
  const result = parseValue(raw, options);
  // A whole number past 2^53 would be written rounded (1234567890123456789 → 1234567890123456800), and OpenClaw
  // reads numbers as doubles too: refused, unless the field is a string (then the digits are kept as typed).
  const lossy = result.parsed && !(options.stringField && /^\s*[+-]?\d+\s*$/.test(raw)) ? lossyInteger(raw) : undefined;
  if (lossy) {
    const shown = options.secret ? "the number" : `the number ${lossy}`;
    throw new UsageError(`${shown} is too large to keep exactly (above 2^53, it would be written as ${options.secret ? "a rounded number" : String(Number(lossy))})`, `store it as a string: quote it inside the value, e.g. '"${options.secret ? "<digits>" : lossy.replace(/^\+/, "")}"'`);
  }
  return result;
}

/** The first whole-number literal in `raw` that a double cannot hold exactly, if any. */
function lossyInteger(raw: string): string | undefined {
  if (!/\d{16}|[0-9a-fA-F]{14}/.test(raw)) return undefined; // every integer of 15 digits (13 hex) or fewer is exact
  let body: ValueNode;
  try {
    body = parseDocument(raw).body;
  } catch {
    return undefined;
  }
  const stack: ValueNode[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "Number") {
      const literal = raw.slice(node.range[0], node.range[1]);
      if (/^[+-]?(\d+|0[xX][0-9a-fA-F]+)$/.test(literal) && !Number.isSafeInteger(node.value) && !holdsExactly(literal, node.value)) return literal;
    } else if (node.type === "Object") stack.push(...node.members.map((m) => m.value));
    else if (node.type === "Array") stack.push(...node.elements.map((e) => e.value));
  }
  return undefined;
}

function holdsExactly(literal: string, value: number): boolean {
  const exact = BigInt(literal.replace(/^[+-]/, "")) * (literal.startsWith("-") ? -1n : 1n);
  return Number.isFinite(value) && BigInt(value) === exact;
}

function parseValue(raw: string, options: { strictJson?: boolean; secret?: boolean }): { value: unknown; parsed: boolean } {
  // An error quotes the value only masked: wholly when it goes under a secret key, else its secret-shaped parts.
  const quoted = (text: string) => (options.secret ? "********" : maskText(text));
  if (options.strictJson) {
    try {
      return { value: JSON.parse(raw), parsed: true };
    } catch (error) {
      throw new UsageError(`--strict-json: the value is not JSON (${options.secret ? "a syntax error" : maskText((error as Error).message)})`, `quote strings for JSON, e.g. '"us-east-1"'`);
    }
  }
  // Only these can start a JSON5 value; anything else (us-east-1, anthropic,amazon) is a plain string at once.
  if (!/^\s*([{["'+\-.0-9/]|(true|false|null|Infinity|NaN)\b)/.test(raw)) return { value: raw, parsed: false };
  try {
    return { value: JSON.parse(raw), parsed: true };
  } catch {
    // not JSON; maybe JSON5
  }
  try {
    return { value: parseJson5(raw), parsed: true };
  } catch (error) {
    // An object, array or quoted string that does not parse is a typo, not a string someone meant to store.
    if (/^\s*[{["']/.test(raw)) {
      const shown = quoted(raw);
      const quoteInside = shown === raw ? `'${JSON.stringify(raw).replace(/'/g, "'\\''")}'` : `the whole value in double quotes inside single quotes ('"…"')`;
      throw new UsageError(
        `the value ${JSON.stringify(shown.length > 40 ? `${shown.slice(0, 37)}...` : shown)} looks like JSON5 but does not parse (${maskText((error as Error).message.split("\n")[0]!)})`,
        `fix the JSON5, or to store it as a string, quote it inside: ${quoteInside}`,
      );
    }
    return { value: raw, parsed: false };
  }
}

/**
 * Reads the value the way the field is declared: `anthropic,amazon` for a list of names becomes
 * ["anthropic","amazon"], and an unquoted `2024` for a string field stays the string "2024".
 */
export function coerceToField(raw: string, value: unknown, kind: FieldKind | undefined): unknown {
  if (kind === "string[]" && typeof value === "string") {
    return value.split(",").map((part) => part.trim()).filter((part) => part !== "");
  }
  if (kind === "string" && (typeof value === "number" || typeof value === "boolean") && (raw.trim() === String(value) || /^[+-]?\d+$/.test(raw.trim()))) {
    return raw.trim();
  }
  return value;
}
