// Writes new JSON5 values in a file's own style: its indentation, line endings, key quoting, trailing commas.
import type { KeyStyle, Style } from "./json5-document.js";

export function quoteKey(key: string, style: KeyStyle): string {
  if (style === "unquoted" && /^[A-Za-z_$][\w$]*$/.test(key)) return key;
  return quoteString(key, style === "'" ? "'" : '"');
}

export function quoteString(value: string, quote: '"' | "'"): string {
  // U+2028 and U+2029 are legal in a JSON string but not in JavaScript source: json5 warns on every read of a
  // file holding them raw, so they are written escaped.
  const json = JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Writes a new value in the file's own style: its indentation, line endings and trailing commas. */
export function serialize(
  value: unknown,
  style: Style,
  indent: string,
  quote: '"' | "'" = '"',
): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return quoteString(value, quote);
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  if (typeof value === "boolean") return String(value);
  const inner = indent + style.indentUnit;
  const tail = style.trailingCommas ? "," : "";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => v === null || typeof v !== "object")) {
      const oneLine = `[${value.map((v) => serialize(v, style, inner, quote)).join(", ")}]`;
      if (oneLine.length <= 80) return oneLine;
    }
    const items = value.map((v) => `${inner}${serialize(v, style, inner, quote)}`);
    return `[${style.eol}${items.join(`,${style.eol}`)}${tail}${style.eol}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  const items = entries.map(([k, v]) => `${inner}${quoteKey(k, style.keyStyle)}: ${serialize(v, style, inner, quote)}`);
  return `{${style.eol}${items.join(`,${style.eol}`)}${tail}${style.eol}${indent}}`;
}

