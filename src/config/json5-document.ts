// A JSON5 text parsed for editing (every node's range, every token, comments included) and the
// layout facts an edit needs: indentation, line endings, key quoting, trailing commas, where lines start.
import { evaluate, isComment, Json5SyntaxError, memberKey, parseDocument, type ArrayNode, type DocumentNode, type ElementNode, type MemberNode, type ObjectNode, type Token, type ValueNode } from "./json5-parser.js";

export { Json5SyntaxError };
export type Container = ObjectNode | ArrayNode;
export type Entry = MemberNode | ElementNode;

export interface Doc {
  text: string; // the text without a byte-order mark
  ast: DocumentNode;
  eol: string;
  indentUnit: string;
  trailingCommas: boolean;
  keyStyle: KeyStyle;
}

export type KeyStyle = "unquoted" | '"' | "'";
export type Style = Pick<Doc, "eol" | "indentUnit" | "trailingCommas" | "keyStyle">;

/** Parses JSON5 text into a plain value with the same parser the editor uses (a BOM is allowed). */
export function parseJson5(text: string): unknown {
  const { body } = splitBom(text);
  if (body.trim() === "") return {};
  return evaluate(parseDoc(body).ast.body);
}

export function splitBom(text: string): { bom: string; body: string } {
  return text.charCodeAt(0) === 0xfeff ? { bom: "\uFEFF", body: text.slice(1) } : { bom: "", body: text };
}

const parsedDocs = new Map<string, Doc>();

/** The last few texts parsed are kept: a set reads the file, edits it and re-reads the result. */
export function parseDoc(text: string): Doc {
  const cached = parsedDocs.get(text);
  if (cached) return cached;
  const doc = buildDoc(text, parseDocument(text));
  if (parsedDocs.size > 4) parsedDocs.clear();
  parsedDocs.set(text, doc);
  return doc;
}

function buildDoc(text: string, ast: DocumentNode): Doc {
  return {
    text,
    ast,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
    indentUnit: detectIndentUnit(text, ast.body),
    trailingCommas: usesTrailingCommas(ast.tokens),
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

export function keyStyleOf(text: string, sample: MemberNode | undefined): KeyStyle {
  if (!sample) return '"';
  if (sample.name.type === "Identifier") return "unquoted";
  return text[sample.name.range[0]] === "'" ? "'" : '"';
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
    const indent = indentAt(text, first.range[0]);
    if (indent.length > 0 && onlyWhitespaceBefore(text, first.range[0])) return indent;
  }
  return "  ";
}

function usesTrailingCommas(tokens: Token[]): boolean {
  let previous: Token | undefined;
  for (const token of tokens) {
    if (isComment(token)) continue;
    if ((token.type === "RBrace" || token.type === "RBracket") && previous?.type === "Comma") return true;
    previous = token;
  }
  return false;
}

/** The indentation for a new entry of `container`: its siblings', else one unit deeper than the container's line. */
export function entryIndent(doc: Doc, container: Container): string {
  const entries: Entry[] = container.type === "Object" ? container.members : container.elements;
  const last = entries[entries.length - 1];
  if (last && onlyWhitespaceBefore(doc.text, last.range[0])) return indentAt(doc.text, last.range[0]);
  return indentAt(doc.text, container.range[0]) + doc.indentUnit;
}

/** The next token at or after `pos` that is not a comment. */
export function nextSignificantToken(doc: Doc, pos: number): Token | undefined {
  for (const token of doc.ast.tokens) {
    if (token.range[0] < pos || isComment(token)) continue;
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

