// A JSON5 text parsed for editing (momoa: every node's range, every token, comments included) and the
// layout facts an edit needs: indentation, line endings, key quoting, trailing commas, where lines start.
import { evaluate, parse as parseAst } from "@humanwhocodes/momoa";
import JSON5 from "json5";
import type { DocumentNode, MemberNode, ElementNode, ObjectNode, ArrayNode, ValueNode, Token } from "@humanwhocodes/momoa";

export type Container = ObjectNode | ArrayNode;
export type Entry = MemberNode | ElementNode;

export interface Doc {
  text: string; // the text without a byte-order mark
  ast: DocumentNode;
  tokens: Token[];
  eol: string;
  indentUnit: string;
  trailingCommas: boolean;
  keyStyle: KeyStyle;
}

export type KeyStyle = "unquoted" | '"' | "'";
export type Style = Pick<Doc, "eol" | "indentUnit" | "trailingCommas" | "keyStyle">;

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

export function splitBom(text: string): { bom: string; body: string } {
  return text.charCodeAt(0) === 0xfeff ? { bom: "\uFEFF", body: text.slice(1) } : { bom: "", body: text };
}

const parsedDocs = new Map<string, Doc>();

/** The last few texts parsed are kept: a set reads the file, edits it and re-reads the result. */
export function parseDoc(text: string): Doc {
  const cached = parsedDocs.get(text);
  if (cached) return cached;
  refuseStringCutAfterBackslash(text);
  let ast: DocumentNode;
  try {
    ast = parseAst(text, { mode: "json5", ranges: true, tokens: true });
  } catch (error) {
    if (error instanceof RangeError) throw new Json5SyntaxError("the file is nested too deeply to read", 1, 1);
    const e = error as Error & { line?: number; column?: number };
    throw new Json5SyntaxError(e.message.replace(/ \(\d+:\d+\)$/, ""), e.line ?? 1, e.column ?? 1);
  }
  rejectNumbersWithoutDigits(text, ast.tokens ?? []);
  rejectInvalidEscapes(text, ast.tokens ?? []);
  const doc = buildDoc(text, ast);
  if (parsedDocs.size > 4) parsedDocs.clear();
  parsedDocs.set(text, doc);
  return doc;
}

/**
 * momoa never returns on a string that runs into the end of the text right after a backslash (`"abc\\`): its
 * reader steps past the end. Only a text ending in an odd run of backslashes can be that; the reference
 * parser decides those (a trailing `// C:\\` comment is fine, a cut-off string is a syntax error).
 */
function refuseStringCutAfterBackslash(text: string): void {
  let run = 0;
  while (text[text.length - 1 - run] === "\\") run++;
  if (run % 2 === 0) return;
  try {
    JSON5.parse(text);
  } catch (error) {
    const e = error as Error & { lineNumber?: number; columnNumber?: number };
    throw new Json5SyntaxError(e.message.replace(/^JSON5: /, "").replace(/ at \d+:\d+$/, ""), e.lineNumber ?? 1, e.columnNumber ?? 1);
  }
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

/**
 * momoa also takes escapes JSON5 forbids (`"\\1"`, `\\0` before a digit, short `\\x`/`\\u`), which the
 * reader then refuses; the editor refuses them too, so a file is never edited into one OpenClaw can't read.
 */
function rejectInvalidEscapes(text: string, tokens: Token[]): void {
  for (const token of tokens) {
    if (token.type !== "String") continue;
    const raw = text.slice(token.range![0], token.range![1]);
    for (let i = 1; i < raw.length - 1; i++) {
      if (raw[i] !== "\\") continue;
      const next = raw[i + 1] ?? "";
      const bad =
        /[1-9]/.test(next) ||
        (next === "0" && /[0-9]/.test(raw[i + 2] ?? "")) ||
        (next === "x" && !/^[0-9a-fA-F]{2}$/.test(raw.slice(i + 2, i + 4))) ||
        (next === "u" && !/^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6)));
      if (bad) throw new Json5SyntaxError(`invalid escape "\\${next}" in a string`, token.loc.start.line, token.loc.start.column);
      i++;
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
export function styleForEmpty(text: string): Style {
  return { eol: text.includes("\r\n") ? "\r\n" : "\n", indentUnit: "  ", trailingCommas: false, keyStyle: '"' };
}

/** Duplicate keys are legal JSON5; the last one wins when parsed, so it is the one edited. */
export function findMember(node: ObjectNode, key: string): MemberNode | undefined {
  let found: MemberNode | undefined;
  for (const member of node.members) if (memberKey(member) === key) found = member;
  return found;
}

export function memberKey(member: MemberNode): string {
  return member.name.type === "Identifier" ? member.name.name : member.name.value;
}

export function range(node: { type: string; range?: [number, number] }): [number, number] {
  // An array element's wrapper carries no range of its own; its value does.
  if (node.type === "Element") return range((node as ElementNode).value);
  if (!node.range) throw new Error("momoa returned a node without a range");
  return node.range;
}

export function keyStyleOf(text: string, sample: MemberNode | undefined): KeyStyle {
  if (!sample) return '"';
  if (sample.name.type === "Identifier") return "unquoted";
  return text[range(sample.name)[0]] === "'" ? "'" : '"';
}

export function firstMemberAnywhere(node: ValueNode): MemberNode | undefined {
  if (node.type === "Object") return node.members[0];
  if (node.type === "Array") for (const element of node.elements) {
    const found = firstMemberAnywhere(element.value);
    if (found) return found;
  }
  return undefined;
}

export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

export function lineEnd(text: string, pos: number): number {
  const newline = text.indexOf("\n", pos);
  if (newline === -1) return text.length;
  return text[newline - 1] === "\r" ? newline - 1 : newline;
}

export function indentAt(text: string, pos: number): string {
  const start = lineStart(text, pos);
  return /^[ \t]*/.exec(text.slice(start, pos))![0];
}

export function onlyWhitespaceBefore(text: string, pos: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, pos), pos));
}

export function sameLine(text: string, a: number, b: number): boolean {
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
export function entryIndent(doc: Doc, container: Container): string {
  const entries: Entry[] = container.type === "Object" ? container.members : container.elements;
  const last = entries[entries.length - 1];
  if (last && onlyWhitespaceBefore(doc.text, range(last)[0])) return indentAt(doc.text, range(last)[0]);
  return indentAt(doc.text, range(container)[0]) + doc.indentUnit;
}

/** The next token at or after `pos` that is not a comment. */
export function nextSignificantToken(doc: Doc, pos: number): Token | undefined {
  for (const token of doc.tokens) {
    if (token.range![0] < pos) continue;
    if (token.type === "LineComment" || token.type === "BlockComment") continue;
    return token;
  }
  return undefined;
}

/**
 * Whether the rest of the line after `pos` holds nothing but blanks and comments (a block comment must close
 * on this line). A plain scan: a regular expression for this backtracks exponentially on `/**\/` runs.
 */
export function restOfLineIsTrivia(text: string, pos: number): boolean {
  const end = lineEnd(text, pos);
  let i = pos;
  while (i < end) {
    const c = text[i];
    if (c === " " || c === "\t") i++;
    else if (text.startsWith("//", i)) return true;
    else if (text.startsWith("/*", i)) {
      const close = text.indexOf("*/", i + 2);
      if (close === -1 || close + 2 > end) return false;
      i = close + 2;
    } else return false;
  }
  return true;
}

export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

