// Lossless JSON5 edits: set or delete one value by splicing the text, so every byte outside the edit survives.
import { evaluate, parse as parseAst } from "@humanwhocodes/momoa";
import type { DocumentNode, MemberNode, ElementNode, ObjectNode, ArrayNode, ValueNode, Token } from "@humanwhocodes/momoa";
import { CliError } from "../errors.js";
import { formatConfigPath, type PathSegment } from "./path-syntax.js";

type Container = ObjectNode | ArrayNode;
type Entry = MemberNode | ElementNode;

interface Doc {
  text: string; // the text without a byte-order mark
  ast: DocumentNode;
  tokens: Token[];
  eol: string;
  indentUnit: string;
  trailingCommas: boolean;
  keyStyle: KeyStyle;
}

type KeyStyle = "unquoted" | '"' | "'";
type Style = Pick<Doc, "eol" | "indentUnit" | "trailingCommas" | "keyStyle">;

/** A syntax error in the text, with where it is. */
export class Json5SyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "Json5SyntaxError";
  }
}

/** Parses JSON5 text into a plain value with the same parser the editor uses (a BOM is allowed). */
export function parseJson5(text: string): unknown {
  const { body } = splitBom(text);
  if (body.trim() === "") return {};
  const doc = parseDoc(body);
  try {
    return evaluate(doc.ast);
  } catch (error) {
    if (error instanceof RangeError) throw new Json5SyntaxError("the file is nested too deeply to read", 1, 1);
    throw error;
  }
}

/** Returns `text` with the value at `path` replaced or created; everything else byte for byte as it was. */
export function setJson5Value(text: string, path: readonly PathSegment[], value: unknown): string {
  const { bom, body } = splitBom(text);
  if (body.trim() === "") return bom + serialize(buildNested(path, value), styleForEmpty(body), "") + "\n";
  const doc = parseDoc(body);
  let node: ValueNode = doc.ast.body;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (node.type === "Object" && typeof segment === "string") {
      const member = findMember(node, segment);
      if (!member) return bom + insertEntry(doc, node, memberText(doc, node, segment, buildNested(path.slice(i + 1), value)));
      node = member.value;
    } else if (node.type === "Array" && typeof segment === "number") {
      if (segment < node.elements.length) node = node.elements[segment]!.value;
      else if (segment === node.elements.length) {
        const element = serialize(buildNested(path.slice(i + 1), value), doc, entryIndent(doc, node));
        return bom + insertEntry(doc, node, element);
      } else throw new CliError(`cannot set ${formatConfigPath(path)}: index ${segment} is past the end of ${describeAt(path, i)} (length ${node.elements.length})`);
    } else {
      throw new CliError(`cannot set ${formatConfigPath(path)}: ${describeAt(path, i)} is ${describeNode(node)}, not ${typeof segment === "number" ? "an array" : "an object"}`);
    }
  }
  return bom + replaceNode(doc, node, value);
}

/** Returns `text` without the value at `path`, or null when there is no such value. */
export function deleteJson5Value(text: string, path: readonly PathSegment[]): string | null {
  if (path.length === 0) throw new CliError("cannot unset the whole config");
  const { bom, body } = splitBom(text);
  if (body.trim() === "") return null;
  const doc = parseDoc(body);
  let node: ValueNode = doc.ast.body;
  for (let i = 0; i < path.length - 1; i++) {
    const child = childOf(node, path[i]!);
    if (!child) return null;
    node = child;
  }
  const last = path[path.length - 1]!;
  if (node.type === "Object" && typeof last === "string") {
    const member = findMember(node, last);
    return member ? bom + removeEntry(doc, node, node.members, member) : null;
  }
  if (node.type === "Array" && typeof last === "number" && last < node.elements.length) {
    return bom + removeEntry(doc, node, node.elements, node.elements[last]!);
  }
  return null;
}

function childOf(node: ValueNode, segment: PathSegment): ValueNode | undefined {
  if (node.type === "Object" && typeof segment === "string") return findMember(node, segment)?.value;
  if (node.type === "Array" && typeof segment === "number") return node.elements[segment]?.value;
  return undefined;
}

function splitBom(text: string): { bom: string; body: string } {
  return text.charCodeAt(0) === 0xfeff ? { bom: "\uFEFF", body: text.slice(1) } : { bom: "", body: text };
}

const parsedDocs = new Map<string, Doc>();

/** The last few texts parsed are kept: a set reads the file, edits it and re-reads the result. */
function parseDoc(text: string): Doc {
  const cached = parsedDocs.get(text);
  if (cached) return cached;
  let ast: DocumentNode;
  try {
    ast = parseAst(text, { mode: "json5", ranges: true, tokens: true });
  } catch (error) {
    if (error instanceof RangeError) throw new Json5SyntaxError("the file is nested too deeply to read", 1, 1);
    const e = error as Error & { line?: number; column?: number };
    throw new Json5SyntaxError(e.message.replace(/ \(\d+:\d+\)$/, ""), e.line ?? 1, e.column ?? 1);
  }
  rejectNumbersWithoutDigits(text, ast.tokens ?? []);
  const doc = buildDoc(text, ast);
  if (parsedDocs.size > 4) parsedDocs.clear();
  parsedDocs.set(text, doc);
  return doc;
}

/** JSON5's number grammar: signs, Infinity, NaN, hex, decimals with at least one digit before the exponent. */
const JSON5_NUMBER = /^[+-]?(Infinity|NaN|0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/;

/** momoa takes `.` or `.e5` for a number (NaN); JSON5 does not, and neither does the reader: refuse them. */
function rejectNumbersWithoutDigits(text: string, tokens: Token[]): void {
  for (const token of tokens) {
    if (token.type !== "Number") continue;
    const raw = text.slice(token.range![0], token.range![1]).trim();
    if (!JSON5_NUMBER.test(raw)) {
      throw new Json5SyntaxError(`invalid number "${raw}"`, token.loc.start.line, token.loc.start.column);
    }
  }
}

function buildDoc(text: string, ast: DocumentNode): Doc {
  const tokens = ast.tokens ?? [];
  return {
    text,
    ast,
    tokens,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
    indentUnit: detectIndentUnit(text, ast.body),
    trailingCommas: usesTrailingCommas(tokens),
    keyStyle: keyStyleOf(text, firstMemberAnywhere(ast.body)),
  };
}

/** A new or blank file is written as plain JSON, as OpenClaw writes it. */
function styleForEmpty(text: string): Style {
  return { eol: text.includes("\r\n") ? "\r\n" : "\n", indentUnit: "  ", trailingCommas: false, keyStyle: '"' };
}

/** Duplicate keys are legal JSON5; the last one wins when parsed, so it is the one edited. */
function findMember(node: ObjectNode, key: string): MemberNode | undefined {
  let found: MemberNode | undefined;
  for (const member of node.members) if (memberKey(member) === key) found = member;
  return found;
}

function memberKey(member: MemberNode): string {
  return member.name.type === "Identifier" ? member.name.name : member.name.value;
}

function range(node: { type: string; range?: [number, number] }): [number, number] {
  // An array element's wrapper carries no range of its own; its value does.
  if (node.type === "Element") return range((node as ElementNode).value);
  if (!node.range) throw new Error("momoa returned a node without a range");
  return node.range;
}

// ---- layout ---------------------------------------------------------------------------------

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

function lineEnd(text: string, pos: number): number {
  const newline = text.indexOf("\n", pos);
  if (newline === -1) return text.length;
  return text[newline - 1] === "\r" ? newline - 1 : newline;
}

function indentAt(text: string, pos: number): string {
  const start = lineStart(text, pos);
  return /^[ \t]*/.exec(text.slice(start, pos))![0];
}

function onlyWhitespaceBefore(text: string, pos: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, pos), pos));
}

function sameLine(text: string, a: number, b: number): boolean {
  return !text.slice(Math.min(a, b), Math.max(a, b)).includes("\n");
}

function detectIndentUnit(text: string, root: ValueNode): string {
  const first = root.type === "Object" ? root.members[0] : root.type === "Array" ? root.elements[0] : undefined;
  if (first) {
    const indent = indentAt(text, range(first)[0]);
    if (indent.length > 0 && onlyWhitespaceBefore(text, range(first)[0])) return indent;
  }
  return "  ";
}

function usesTrailingCommas(tokens: Token[]): boolean {
  let previous: Token | undefined;
  for (const token of tokens) {
    if (token.type === "LineComment" || token.type === "BlockComment") continue;
    if ((token.type === "RBrace" || token.type === "RBracket") && previous?.type === "Comma") return true;
    previous = token;
  }
  return false;
}

/** The indentation for a new entry of `container`: its siblings', else one unit deeper than the container's line. */
function entryIndent(doc: Doc, container: Container): string {
  const entries: Entry[] = container.type === "Object" ? container.members : container.elements;
  const last = entries[entries.length - 1];
  if (last && onlyWhitespaceBefore(doc.text, range(last)[0])) return indentAt(doc.text, range(last)[0]);
  return indentAt(doc.text, range(container)[0]) + doc.indentUnit;
}

/** The next token at or after `pos` that is not a comment. */
function nextSignificantToken(doc: Doc, pos: number): Token | undefined {
  for (const token of doc.tokens) {
    if (token.range![0] < pos) continue;
    if (token.type === "LineComment" || token.type === "BlockComment") continue;
    return token;
  }
  return undefined;
}

/** Whether the rest of the line after `pos` holds nothing but blanks and comments. */
function restOfLineIsTrivia(text: string, pos: number): boolean {
  const rest = text.slice(pos, lineEnd(text, pos));
  return /^[ \t]*(\/\/.*|\/\*.*?\*\/[ \t]*)*$/.test(rest) && !/\/\*(?!.*\*\/)/.test(rest);
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

// ---- insert ---------------------------------------------------------------------------------

function memberText(doc: Doc, container: ObjectNode, key: string, value: unknown): string {
  const indent = entryIndent(doc, container);
  return `${quoteKey(key, keyStyle(doc, container))}${separatorStyle(doc, container)}${serialize(value, doc, indent)}`;
}

function insertEntry(doc: Doc, container: Container, entryText: string): string {
  const { text, eol } = doc;
  const entries: Entry[] = container.type === "Object" ? container.members : container.elements;
  const [open, close] = range(container);
  if (entries.length === 0) {
    const inner = text.slice(open + 1, close - 1);
    const containerIndent = indentAt(text, open);
    if (inner.trim() === "" && (sameLine(text, open, close) || !inner.includes("\n"))) {
      if (container.type === "Array" && !entryText.includes("\n")) return splice(text, open + 1, close - 1, entryText);
      const indent = containerIndent + doc.indentUnit;
      return splice(text, open + 1, close - 1, `${eol}${indent}${entryText}${doc.trailingCommas ? "," : ""}${eol}${containerIndent}`);
    }
    // Only comments or blank lines inside: add the entry just above the closing bracket.
    const indent = containerIndent + doc.indentUnit;
    const closeLine = lineStart(text, close - 1);
    if (onlyWhitespaceBefore(text, close - 1)) {
      return splice(text, closeLine, closeLine, `${indent}${entryText}${doc.trailingCommas ? "," : ""}${eol}`);
    }
    return splice(text, close - 1, close - 1, `${eol}${indent}${entryText}${eol}${containerIndent}`);
  }
  const last = entries[entries.length - 1]!;
  const lastEnd = range(last)[1];
  const after = nextSignificantToken(doc, lastEnd);
  const hasTrailingComma = after?.type === "Comma";
  const inline = sameLine(text, open, lastEnd);
  if (inline) {
    // `{ "a": 1, "b": 2 }` stays on one line.
    return splice(text, lastEnd, lastEnd, `, ${entryText}`);
  }
  let at = hasTrailingComma ? after!.range![1] : lastEnd;
  if (restOfLineIsTrivia(text, at)) at = lineEnd(text, at);
  const indent = indentAt(text, range(last)[0]);
  const inserted = `${eol}${indent}${entryText}${hasTrailingComma ? "," : ""}`;
  const withEntry = splice(text, at, at, inserted);
  return hasTrailingComma ? withEntry : splice(withEntry, lastEnd, lastEnd, ",");
}

/** Siblings decide how a new key is quoted; a file's first key decides for new objects. */
function keyStyle(doc: Doc, container: ObjectNode): KeyStyle {
  return container.members[0] ? keyStyleOf(doc.text, container.members[0]) : doc.keyStyle;
}

function keyStyleOf(text: string, sample: MemberNode | undefined): KeyStyle {
  if (!sample) return '"';
  if (sample.name.type === "Identifier") return "unquoted";
  return text[range(sample.name)[0]] === "'" ? "'" : '"';
}

function firstMemberAnywhere(node: ValueNode): MemberNode | undefined {
  if (node.type === "Object") return node.members[0];
  if (node.type === "Array") for (const element of node.elements) {
    const found = firstMemberAnywhere(element.value);
    if (found) return found;
  }
  return undefined;
}

function separatorStyle(doc: Doc, container: ObjectNode): string {
  const sample = container.members[0] ?? firstMemberAnywhere(doc.ast.body);
  if (!sample) return ": ";
  const between = doc.text.slice(range(sample.name)[1], range(sample.value)[0]);
  return /^[ \t]*:[ \t]*$/.test(between) ? between : ": ";
}

function quoteKey(key: string, style: KeyStyle): string {
  if (style === "unquoted" && /^[A-Za-z_$][\w$]*$/.test(key)) return key;
  return quoteString(key, style === "'" ? "'" : '"');
}

function quoteString(value: string, quote: '"' | "'"): string {
  const json = JSON.stringify(value);
  if (quote === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Turns the rest of a path into the value to write: `a.b = 1` under a missing `a` becomes `{ b: 1 }`. */
function buildNested(rest: readonly PathSegment[], value: unknown): unknown {
  let result = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const segment = rest[i]!;
    if (typeof segment === "number") {
      if (segment !== 0) throw new CliError(`cannot create element [${segment}] of a new array: start at [0]`);
      result = [result];
    } else result = { [segment]: result };
  }
  return result;
}

// ---- replace and delete ---------------------------------------------------------------------

function replaceNode(doc: Doc, node: ValueNode, value: unknown): string {
  const [start, end] = range(node);
  const quote = node.type === "String" && doc.text[start] === "'" ? "'" : '"';
  const indent = indentAt(doc.text, start);
  return splice(doc.text, start, end, serialize(value, doc, indent, quote));
}

function removeEntry(doc: Doc, container: Container, entries: Entry[], entry: Entry): string {
  const { text } = doc;
  const index = entries.indexOf(entry);
  const [start, end] = range(entry);
  const after = nextSignificantToken(doc, end);
  const comma = after?.type === "Comma" ? after : undefined;
  const previous = index > 0 ? entries[index - 1] : undefined;
  if (entries.length === 1 && !containsComment(doc, range(container))) {
    const [open, close] = range(container);
    return splice(text, open, close, container.type === "Object" ? "{}" : "[]");
  }
  const stop = comma ? comma.range![1] : end;
  let edited: string;
  if (onlyWhitespaceBefore(text, start) && restOfLineIsTrivia(text, stop)) {
    // The entry has its own line(s): remove them whole, with a comment trailing on its last line.
    const from = lineStart(text, start);
    const lineStop = lineEnd(text, stop);
    const to = text.startsWith("\r\n", lineStop) ? lineStop + 2 : text[lineStop] === "\n" ? lineStop + 1 : lineStop;
    edited = splice(text, from, to, "");
  } else {
    const to = comma ? skipBlanks(text, comma.range![1]) : end;
    edited = splice(text, start, to, "");
  }
  if (!comma && previous) {
    // The last entry went, so the comma after the one before it would now be a trailing comma that strict JSON refuses.
    const previousComma = nextSignificantToken(doc, range(previous)[1]);
    if (previousComma?.type === "Comma" && previousComma.range![0] < start) {
      // Inline (`{a: 1, b: 2}`), drop ", " with it; on its own line, the comma alone.
      const [c0, c1] = previousComma.range!;
      edited = splice(edited, c0, sameLine(text, c0, start) ? start : c1, "");
    }
  }
  return edited;
}

function skipBlanks(text: string, pos: number): number {
  while (text[pos] === " " || text[pos] === "\t") pos++;
  return pos;
}

function containsComment(doc: Doc, [start, end]: [number, number]): boolean {
  return doc.tokens.some((t) => (t.type === "LineComment" || t.type === "BlockComment") && t.range![0] > start && t.range![1] < end);
}

// ---- serialization --------------------------------------------------------------------------

/** Writes a new value in the file's own style: its indentation, line endings and trailing commas. */
function serialize(
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

function describeAt(path: readonly PathSegment[], index: number): string {
  return index === 0 ? "the config root" : formatConfigPath(path.slice(0, index));
}

function describeNode(node: ValueNode): string {
  switch (node.type) {
    case "Object": return "an object";
    case "Array": return "an array";
    case "String": return "a string";
    case "Null": return "null";
    case "Boolean": return "a boolean";
    default: return "a number";
  }
}
