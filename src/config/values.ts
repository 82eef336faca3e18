// Turns the `<value>` argument of `config set` into the value to write.
import { UsageError } from "../errors.js";
import { parseJson5 } from "./json5-edit.js";
import type { FieldKind } from "./schema.js";

/** JSON5 first, else the raw string; `--strict-json` makes a non-JSON value an error instead. */
export function parseCliValue(raw: string, options: { strictJson?: boolean } = {}): { value: unknown; parsed: boolean } {
  if (options.strictJson) {
    try {
      return { value: JSON.parse(raw), parsed: true };
    } catch (error) {
      throw new UsageError(`--strict-json: the value is not JSON (${(error as Error).message})`, `quote strings for JSON, e.g. '"us-east-1"'`);
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
      throw new UsageError(
        `the value ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 37)}...` : raw)} looks like JSON5 but does not parse (${(error as Error).message.split("\n")[0]})`,
        `fix the JSON5, or to store it as a string, quote it inside: '${JSON.stringify(raw).replace(/'/g, "'\\''")}'`,
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
