// Turns the `<value>` argument of `config set` into the value to write.
import { UsageError } from "../errors.js";
import { parseJson5 } from "./json5-edit.js";
import { maskText } from "./secrets.js";
import type { FieldKind } from "./schema.js";

/** JSON5 first, else the raw string; `--strict-json` makes a non-JSON value an error instead. */
export function parseCliValue(raw: string, options: { strictJson?: boolean; secret?: boolean } = {}): { value: unknown; parsed: boolean } {
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
  if (kind === "string" && (typeof value === "number" || typeof value === "boolean") && raw.trim() === String(value)) {
    return raw.trim();
  }
  return value;
}
